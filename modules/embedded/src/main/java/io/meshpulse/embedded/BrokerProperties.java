package io.meshpulse.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The configuration of a single combined broker+controller on loopback. */
final class BrokerProperties {

  private static final String HOST = "127.0.0.1";

  private BrokerProperties() {}

  static String bootstrapServers(int brokerPort) {
    return HOST + ":" + brokerPort;
  }

  /** Defaults for one node, then {@code overrides} on top. */
  static Map<String, String> of(Path logDir, int brokerPort, int controllerPort, Map<String, String> overrides) {
    Map<String, String> p = new LinkedHashMap<>();
    p.putAll(identity(logDir, brokerPort, controllerPort));
    p.putAll(singleBroker());
    p.putAll(smallFootprint());
    p.putAll(overrides);
    return p;
  }

  private static Map<String, String> identity(Path logDir, int brokerPort, int controllerPort) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(KraftNode.NODE_ID));
    p.put("controller.quorum.voters", KraftNode.NODE_ID + "@" + HOST + ":" + controllerPort);
    p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + "," + KraftNode.CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + KraftNode.CONTROLLER_LISTENER + ":PLAINTEXT");
    p.put("controller.listener.names", KraftNode.CONTROLLER_LISTENER);
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    return p;
  }

  /** Without these, consumer groups, transactions and exactly-once Streams wait for replicas that never come. */
  private static Map<String, String> singleBroker() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("auto.create.topics.enable", "false");
    return p;
  }

  /** Fast start and a small heap: one partition for internal topics, no rebalance delay, a 2 MiB cleaner buffer. */
  private static Map<String, String> smallFootprint() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("log.cleaner.dedupe.buffer.size", "2097152");
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("num.recovery.threads.per.data.dir", "1");
    return p;
  }
}
