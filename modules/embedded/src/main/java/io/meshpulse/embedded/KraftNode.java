package io.meshpulse.embedded;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

  private final KafkaRaftServer server;

  private KraftNode(KafkaRaftServer server) {
    this.server = server;
  }

  /** Formats {@code logDir} when it holds no {@code meta.properties}, then starts the broker; returns once it has started. */
  static KraftNode start(Map<String, String> brokerProperties, Path logDir) {
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
