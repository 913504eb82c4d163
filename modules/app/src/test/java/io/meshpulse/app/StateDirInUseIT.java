package io.meshpulse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshpulse.streams.TopologyConfig;
import io.meshpulse.testkit.KafkaCluster;
import io.meshpulse.testkit.MeshpulseKafka;
import io.meshpulse.testkit.TestNames;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second {@code streams} instance on the state directory of a running one: one line naming --state-dir, exit code 2. */
@MeshpulseKafka
class StateDirInUseIT {

  @TempDir
  Path stateDir;

  @Test
  void secondInstanceOnTheStateDirOfARunningOneIsOneLineNamingTheOption(KafkaCluster cluster, TestNames names) {
    // Given an instance running on the state directory
    KafkaOptions kafka = KafkaOptions.local(cluster.bootstrapServers(), names.prefix(), 1);
    kafka.ensureTopics();
    TopologyConfig topology = TopologyConfig.fromMap(Map.of(TopologyConfig.TOPICS_PREFIX, names.prefix()));
    try (QueryService running = QueryService.start(names.applicationId(), kafka, topology, "127.0.0.1", 0,
        new HostInfo("127.0.0.1", 0), new StateDir("--state-dir", stateDir), QueryService.newMetrics())) {

      // When
      Cli.Run run = Cli.run("streams", "--bootstrap-servers", cluster.bootstrapServers(), "--topic-prefix",
          names.prefix(), "--application-id", names.applicationId(), "--port", "0", "--state-dir", stateDir.toString());

      // Then
      assertEquals(2, run.exitCode(), run::toString);
      assertEquals("error: --state-dir: " + stateDir.resolve(names.applicationId()) + " is locked by another running"
          + " instance of " + names.applicationId() + "; stop it, or give this one its own --state-dir",
          run.err().strip());
    }
  }
}
