package io.meshpulse.prober.cases;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.meshpulse.embedded.AgentSpec;
import io.meshpulse.embedded.Behaviour;
import io.meshpulse.embedded.EmbeddedKafka;
import io.meshpulse.embedded.SimulatedFleet;
import io.meshpulse.prober.publish.KafkaResultPublisher;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.HealthCheckResult;
import io.meshpulse.schema.Topics;
import io.meshpulse.schema.serde.MeshSerdes;
import io.meshpulse.testkit.KafkaCluster;
import io.meshpulse.testkit.LogCapture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The broker goes away mid-run and comes back on the same port: rounds go on, results wait in the
 * publisher's bounded buffer, and what fits arrives once, what does not is counted and logged.
 * Each test stops and restarts a broker of its own, never the one other tests share.
 */
class BrokerRestartIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration INTERVAL = Duration.ofMillis(300);
  private static final int AGENTS = 5;

  @Test
  void resultsOfRoundsWhileTheBrokerIsDownArriveOnceEachAfterItRestarts() throws Exception {
    try (EmbeddedKafka broker = EmbeddedKafka.start();
         SimulatedFleet fleet = SimulatedFleet.start(IntStream.range(0, AGENTS)
             .mapToObj(i -> AgentSpec.of("agent-" + i, Behaviour.healthy(Duration.ofMillis(5)))).toList())) {
      // Given
      KafkaCluster kafka = cluster(broker);
      String topic = kafka.createTopics(new Topics("restart."), 1).checks();
      KafkaResultPublisher publisher = new KafkaResultPublisher(topic, ClientProperties.of(kafka), 1_000,
          new SimpleMeterRegistry());
      CollectedResults results = new CollectedResults();
      try (ProberRig prober = ProberRig.start(Map.of("interval", "300ms", "timeout", "2s"), fleet.cards(),
          Clock.systemUTC(), result -> {
            results.accept(result);
            publisher.accept(result);
          })) {
        prober.startRounds();
        await().atMost(WAIT).until(() -> results.latestRound() >= 3);

        // When: down for several rounds, then back
        broker.stop();
        long roundWhenStopped = results.latestRound();
        await().atMost(WAIT).until(() -> results.latestRound() >= roundWhenStopped + 5);
        broker.restart();
        long roundWhenRestarted = results.latestRound();
        await().atMost(WAIT).until(() -> results.latestRound() >= roundWhenRestarted + 2);
      } finally {
        publisher.close(Duration.ofSeconds(30));
      }

      // Then: each result the prober made is on the topic, once
      List<HealthCheckResult> made = results.all();
      assertEquals(0, publisher.droppedCount(), "the buffer held every result of the outage");
      assertEquals(0, publisher.pending(), "everything was delivered before close returned");
      List<HealthCheckResult> published = kafka.readUntil(topic, new StringDeserializer(),
          MeshSerdes.checkResult().deserializer(), read -> read.size() >= made.size(), WAIT)
          .stream().map(ConsumerRecord::value).toList();
      assertEquals(pairs(made), pairs(published), "every (agent, round) made is published");
      assertEquals(made.size(), recordsIn(kafka, topic), "and published once: no duplicates");
      made.forEach(r -> assertEquals(AgentHealth.HEALTHY, r.getHealth(), "the outage is not the agents': " + r));
    }
  }

  @Test
  void resultsPastTheBufferBoundWhileTheBrokerIsDownAreDroppedCountedAndLogged() throws Exception {
    try (EmbeddedKafka broker = EmbeddedKafka.start();
         LogCapture log = new LogCapture(KafkaResultPublisher.class)) {
      // Given: a buffer of 10, and a producer that holds at most 10 unacknowledged results
      KafkaCluster kafka = cluster(broker);
      String topic = kafka.createTopics(new Topics("bound."), 1).checks();
      KafkaResultPublisher publisher = new KafkaResultPublisher(topic, ClientProperties.of(kafka), 10,
          new SimpleMeterRegistry());
      try {
        publisher.accept(result(0));
        await().atMost(WAIT).until(() -> recordsIn(kafka, topic) == 1); // connected, topic known
        broker.stop();

        // When: 25 results while the broker is down, 5 more than buffer and producer can hold
        IntStream.rangeClosed(1, 25).forEach(i -> publisher.accept(result(i)));

        // Then
        await().atMost(WAIT).until(() -> publisher.droppedCount() >= 5 && log.events().stream()
            .anyMatch(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains("oldest results")));
        broker.restart();
      } finally {
        publisher.close(Duration.ofSeconds(30));
      }
      long dropped = publisher.droppedCount();
      Set<Long> published = kafka.readUntil(topic, new StringDeserializer(), MeshSerdes.checkResult().deserializer(),
              read -> read.size() >= 26 - dropped, WAIT)
          .stream().map(r -> r.value().getRoundId()).collect(Collectors.toSet());
      assertEquals(26 - dropped, published.size(), "every result is either published or counted as dropped");
      assertEquals(26 - dropped, recordsIn(kafka, topic), "and published once: no duplicates");
      assertTrue(published.containsAll(LongStream.rangeClosed(16, 25).boxed().toList()),
          "the oldest waiting results give way, never the newest: " + published);
    }
  }

  /** A result of agent "a" in round {@code round}. */
  private static HealthCheckResult result(long round) {
    return HealthCheckResult.newBuilder().setAgent("a").setUrl("http://127.0.0.1:9/health")
        .setHealth(AgentHealth.HEALTHY).setResponseTimeMs(1.0).setCheckedAt(Instant.now()).setProberId("it")
        .setRoundId(round).setTimeoutMs(1_000).build();
  }

  private static Set<String> pairs(List<HealthCheckResult> results) {
    return results.stream().map(r -> r.getAgent() + "#" + r.getRoundId()).collect(Collectors.toSet());
  }

  /** Records in the (one-partition) topic: its end offset. */
  private static long recordsIn(KafkaCluster kafka, String topic) throws Exception {
    TopicPartition partition = new TopicPartition(topic, 0);
    try (Admin admin = kafka.admin()) {
      return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
          .get(30, TimeUnit.SECONDS).offset();
    }
  }

  /** The test's own broker, seen through the testkit's helpers. */
  private static KafkaCluster cluster(EmbeddedKafka broker) {
    return new KafkaCluster() {
      @Override
      public String bootstrapServers() {
        return broker.bootstrapServers();
      }

      @Override
      public String kind() {
        return "embedded";
      }
    };
  }
}
