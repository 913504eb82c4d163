package io.meshpulse.app;

import io.meshpulse.testkit.KafkaCluster;
import io.meshpulse.testkit.MeshpulseKafka;
import io.meshpulse.testkit.TestNames;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology's numbers are exactly what the raw checks say: a seeded feed with late, out-of-order,
 * future-stamped, mis-keyed and unreadable records, run through the Streams application as
 * {@code meshpulse streams} runs it, then every window, status, transition, closed window and dead
 * letter compared with a recomputation from the checks topic in plain code.
 */
@MeshpulseKafka
class ReferenceIT {

  @TempDir
  Path stateDir;

  @Test
  void storesAndTopicsEqualTheReferenceRecomputedFromTheRawChecks(KafkaCluster cluster, TestNames names) {
    // Given
    ReferenceScenario scenario = new ReferenceScenario(cluster, names);
    try (QueryService streams = scenario.startInProcess(stateDir)) {
      Api api = new Api(streams.port());
      scenario.registerAgents(api);

      // When
      scenario.produce(scenario.feed().records());
      scenario.awaitAllChecksConsumed();

      // Then
      scenario.assertEqualsTheReference(api);
    }
  }
}
