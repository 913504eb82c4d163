package io.meshpulse.app;

import static org.awaitility.Awaitility.await;

import io.meshpulse.testkit.KafkaCluster;
import io.meshpulse.testkit.MeshpulseKafka;
import io.meshpulse.testkit.TestNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once across a crash: {@code meshpulse streams} in a process of its own is killed (SIGKILL)
 * midway through the feed and restarted on the same state directory; once it has caught up, its
 * stores and output topics equal the reference recomputed from the raw checks — nothing lost,
 * nothing counted twice, each closed window once on the stats topic, no transition id twice.
 */
@MeshpulseKafka
class CrashIT {

  private static final Logger LOG = LoggerFactory.getLogger(CrashIT.class);
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir
  Path stateDir;

  @Test
  void storesEqualTheReferenceAfterAKillAndRestart(KafkaCluster cluster, TestNames names) {
    // Given: a Streams process that has processed the first part of the feed
    ReferenceScenario scenario = new ReferenceScenario(cluster, names);
    List<List<Map.Entry<String, byte[]>>> parts = scenario.feed().parts(4);
    Map<String, String> crashSettings = Map.of(
        // the restarted process takes the killed one's place at once, without waiting for its session to expire
        "group.instance.id", names.applicationId() + "-instance",
        // should the killed process's transaction not be fenced at once, it is aborted soon
        "transaction.timeout.ms", "5000",
        // a transaction spans 2 s of work, so the kill below finds its output written but not committed
        "commit.interval.ms", "2000");
    int firstPort = StreamsProcess.freePort();
    try (StreamsProcess first = StreamsProcess.start("streams-1",
        scenario.streamsArguments(stateDir, firstPort, crashSettings), firstPort)) {
      scenario.registerAgents(first.api());
      scenario.produce(parts.get(0));
      scenario.awaitAllChecksConsumed();
      long firstPart = scenario.committedChecks();

      // When: it is killed once output of the second part is on the broker, and the rest arrives while it is down
      long outputOfFirstPart = scenario.outputRecords();
      scenario.produce(parts.get(1));
      await().atMost(DEADLINE).pollInterval(Duration.ofMillis(20)).until(scenario::outputRecords, n -> n > outputOfFirstPart);
      first.kill();
      LOG.info("killed with {} checks committed ({} in the first part, {} in the first two) and output written beyond",
          scenario.committedChecks(), firstPart, firstPart + parts.get(1).size());
    }
    scenario.produce(parts.get(2));
    scenario.produce(parts.get(3));

    // Then: restarted, and caught up, it holds what the raw checks say
    int secondPort = StreamsProcess.freePort();
    try (StreamsProcess second = StreamsProcess.start("streams-2",
        scenario.streamsArguments(stateDir, secondPort, crashSettings), secondPort)) {
      scenario.awaitAllChecksConsumed();
      scenario.assertEqualsTheReference(second.api());
    }
  }
}
