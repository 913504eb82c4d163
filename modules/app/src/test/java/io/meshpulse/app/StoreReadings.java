package io.meshpulse.app;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshpulse.app.reference.Figures;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.AgentWindowStats;
import io.meshpulse.schema.HealthTransition;
import io.meshpulse.schema.Topics;
import io.meshpulse.schema.serde.MeshSerdes;
import io.meshpulse.streams.DeadLetters;
import io.meshpulse.testkit.KafkaCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the Streams application holds, as its users see it: its stores through the query API, and its
 * output topics read with {@code isolation.level=read_committed}. Turned into {@link Figures}.
 */
final class StoreReadings {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private StoreReadings() {}

  /** Every agent's status and windows, from {@code GET /api/agents/{name}}. */
  record Agents(Map<String, Figures.Status> statuses, List<Figures.Window> windows) {}

  static Agents agents(Api api, Collection<String> names) {
    Map<String, Figures.Status> statuses = new TreeMap<>();
    List<Figures.Window> windows = new ArrayList<>();
    for (String name : names) {
      JsonNode body = await().atMost(DEADLINE).until(() -> api.get("/api/agents/" + name), Api.Answer::ok).body();
      statuses.put(name, status(name, body.path("status"), body.path("agent")));
      body.path("recent_windows").forEach(w -> windows.add(window(name, w)));
    }
    return new Agents(statuses, windows);
  }

  /** The mesh counts of {@code GET /api/mesh/health}: overall under the key "", then per capability. */
  static Map<String, Figures.Counts> meshCounts(Api api) {
    JsonNode body = await().atMost(DEADLINE).until(() -> api.get("/api/mesh/health"), Api.Answer::ok).body();
    Map<String, Figures.Counts> counts = new TreeMap<>();
    counts.put("", counts(body));
    body.path("by_capability").fields().forEachRemaining(e -> counts.put(e.getKey(), counts(e.getValue())));
    return counts;
  }

  static List<Figures.Window> statsTopic(KafkaCluster cluster, Topics topics) {
    return cluster.readToEnd(topics.stats(), new StringDeserializer(), MeshSerdes.windowStats().deserializer())
        .stream().map(r -> window(r.value())).toList();
  }

  static List<Figures.Transition> transitionsTopic(KafkaCluster cluster, Topics topics) {
    return cluster.readToEnd(topics.transitions(), new StringDeserializer(), MeshSerdes.transition().deserializer())
        .stream().map(r -> transition(r.value())).toList();
  }

  static List<Figures.DeadLetter> deadLetterTopic(KafkaCluster cluster, Topics topics) {
    return cluster.readToEnd(topics.checksDeadLetter(), new ByteArrayDeserializer(), new ByteArrayDeserializer())
        .stream().map(StoreReadings::deadLetter).toList();
  }

  private static Figures.Status status(String agent, JsonNode s, JsonNode a) {
    return new Figures.Status(agent, AgentHealth.valueOf(s.path("health").asText()), instant(s.path("since")),
        AgentHealth.valueOf(s.path("streak_health").asText()), s.path("streak").asInt(),
        s.path("consecutive_failures").asInt(), s.path("consecutive_successes").asInt(), s.path("transitions").asLong(),
        instant(a.path("checked_at")));
  }

  private static Figures.Window window(String agent, JsonNode w) {
    return new Figures.Window(agent, instant(w.path("start")), instant(w.path("end")), w.path("count").asLong(),
        w.path("healthy_count").asLong(), w.path("degraded_count").asLong(), w.path("unhealthy_count").asLong(),
        w.path("healthy_ratio").asDouble(), number(w.path("latency_min_ms")), number(w.path("latency_mean_ms")),
        number(w.path("latency_max_ms")), number(w.path("latency_p50_ms")), number(w.path("latency_p95_ms")),
        number(w.path("latency_p99_ms")), w.path("last_error").isNull() ? null : w.path("last_error").asText());
  }

  private static Figures.Window window(AgentWindowStats s) {
    return new Figures.Window(s.getAgent(), s.getWindowStart(), s.getWindowEnd(), s.getCount(), s.getHealthyCount(),
        s.getDegradedCount(), s.getUnhealthyCount(), s.getHealthyRatio(), s.getLatencyMinMs(), s.getLatencyMeanMs(),
        s.getLatencyMaxMs(), s.getLatencyP50Ms(), s.getLatencyP95Ms(), s.getLatencyP99Ms(), s.getLastError());
  }

  private static Figures.Transition transition(HealthTransition t) {
    return new Figures.Transition(t.getId(), t.getAgent(), t.getFrom(), t.getTo(), t.getAt(), t.getLastError());
  }

  private static Figures.DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> r) {
    return new Figures.DeadLetter(Integer.parseInt(header(r, DeadLetters.PARTITION)),
        Long.parseLong(header(r, DeadLetters.OFFSET)), header(r, DeadLetters.REASON));
  }

  private static Figures.Counts counts(JsonNode c) {
    return new Figures.Counts(c.path("healthy_count").asInt(), c.path("degraded_count").asInt(),
        c.path("unhealthy_count").asInt(), c.path("unknown_count").asInt(), c.path("total_count").asInt());
  }

  private static String header(ConsumerRecord<?, ?> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static Instant instant(JsonNode text) {
    return text.isNull() || text.isMissingNode() ? null : Instant.parse(text.asText());
  }

  private static Double number(JsonNode n) {
    return n.isNull() || n.isMissingNode() ? null : n.asDouble();
  }
}
