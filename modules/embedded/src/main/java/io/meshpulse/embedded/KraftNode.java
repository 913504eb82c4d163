package io.meshpulse.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * The only class that touches Kafka's internal broker classes ({@code kafka.server.KafkaRaftServer},
 * the storage {@code Formatter}). They carry no compatibility promise: an upgrade of Kafka should
 * need changes here and nowhere else.
 */
final class KraftNode {

  static final int NODE_ID = 1;
  static final String CONTROLLER_LISTENER = "CONTROLLER";
  /** The file a running broker locks in each of its log directories. */
  private static final String LOCK_FILE = ".lock";

  private final KafkaRaftServer server;

  private KraftNode(KafkaRaftServer server) {
    this.server = server;
  }

  /**
   * Formats {@code logDir} when it holds no {@code meta.properties}, then starts the broker; returns once it has started.
   *
   * @throws DataDirInUseException when another broker holds {@code logDir}'s lock (checked before starting, so
   *     that this broker does not fail half-started)
   */
  static KraftNode start(Map<String, String> brokerProperties, Path logDir) {
    requireUnlocked(logDir);
    formatIfNeeded(logDir);
    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(brokerProperties, false), Time.SYSTEM);
    try {
      server.startup();
    } catch (RuntimeException e) {
      server.shutdown();
      server.awaitShutdown();
      throw e;
    }
    return new KraftNode(server);
  }

  /** Stops the broker and waits until its threads are gone. */
  void stop() {
    server.shutdown();
    server.awaitShutdown();
  }

  /**
   * Tries the lock a running broker holds on its log directory ({@code LogManager}'s {@code .lock}), as that
   * broker took it, and lets it go at once. Held by another process: {@code tryLock} answers null. Held in this
   * JVM: it throws, and the probe's channel stays open, since closing it would drop that broker's lock too
   * (POSIX record locks belong to the process, and closing any descriptor of the file releases them).
   */
  private static void requireUnlocked(Path logDir) {
    Path lockFile = logDir.resolve(LOCK_FILE);
    if (!Files.exists(lockFile)) {
      return;
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
    } catch (IOException e) {
      return; // not ours to judge: the broker reports what it makes of the file
    }
    try {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        lock.release();
      }
      channel.close();
      if (lock == null) {
        throw new DataDirInUseException(logDir);
      }
    } catch (OverlappingFileLockException e) {
      throw new DataDirInUseException(logDir);
    } catch (IOException e) {
      closeQuietly(channel);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing held through it
    }
  }

  private static void formatIfNeeded(Path logDir) {
    if (Files.exists(logDir.resolve("meta.properties"))) {
      return;
    }
    Formatter formatter = new Formatter()
        .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8))
        .setNodeId(NODE_ID)
        .setClusterId(Uuid.randomUuid().toString())
        .setDirectories(List.of(logDir.toString()))
        .setMetadataLogDirectory(logDir.toString())
        .setControllerListenerName(CONTROLLER_LISTENER)
        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION);
    try {
      formatter.run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka log directory " + logDir + ": " + e.getMessage(), e);
    }
  }
}
