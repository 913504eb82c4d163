package io.meshpulse.embedded;

import java.nio.file.Path;

/** Another Kafka broker, in this process or another, holds the lock of the data directory the broker was to start on. */
public final class DataDirInUseException extends IllegalStateException {

  private final transient Path dataDir;

  DataDirInUseException(Path dataDir) {
    super("Kafka data directory " + dataDir + " is in use by another running Kafka broker");
    this.dataDir = dataDir;
  }

  public Path dataDir() {
    return dataDir;
  }
}
