package io.meshpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshpulse.schema.HealthCheckResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Freshness: checks produced at a steady rate while the topology runs; for every n-th, the time from
 * just before it is sent to the moment {@code GET /api/agents/{name}} shows it as the agent's latest
 * check ({@code agent.checked_at}), as a user of the API would see the effect.
 */
final class Freshness {

  /** A sampled check: its agent, its check time and when it was sent. */
  private record Sample(String agent, Instant checkedAt, long sentNanos) {}

  private static final int TICKS_PER_SECOND = 100;
  private static final Duration SETTLE = Duration.ofSeconds(10);
  private static final Duration POLL_PAUSE = Duration.ofMillis(5);

  private final BenchFleet fleet;
  private final String bootstrapServers;
  private final String topic;
  private final URI api;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final Queue<Sample> pending = new ConcurrentLinkedQueue<>();
  private final Random random = new Random(5);

  Freshness(BenchFleet fleet, String bootstrapServers, String topic, int apiPort) {
    this.fleet = fleet;
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.api = URI.create("http://127.0.0.1:" + apiPort + "/api/agents/");
  }

  /** Milliseconds from send to visible, one per sampled check, in the order they became visible. */
  List<Double> measure(int perSecond, Duration duration, int sampleEvery) {
    awaitAnswering();
    List<Double> delays = new ArrayList<>();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    try (KafkaProducer<String, HealthCheckResult> producer = BenchFleet.checksProducer(bootstrapServers, 5)) {
      AtomicLong sent = new AtomicLong();
      long ticks = duration.toSeconds() * TICKS_PER_SECOND;
      ticker.scheduleAtFixedRate(() -> {
        if (sent.get() < ticks * (perSecond / TICKS_PER_SECOND)) {
          for (int i = 0; i < perSecond / TICKS_PER_SECOND; i++) {
            send(producer, sent.incrementAndGet() % sampleEvery == 0);
          }
        }
      }, 0, 1_000_000 / TICKS_PER_SECOND, TimeUnit.MICROSECONDS);
      long deadline = System.nanoTime() + duration.plus(SETTLE).toNanos();
      while ((sent.get() < ticks * (perSecond / TICKS_PER_SECOND) || !pending.isEmpty()) && System.nanoTime() < deadline) {
        pollPending(delays);
        LockSupport.parkNanos(POLL_PAUSE.toNanos()); // the poller's pace: a few requests per sample, not a busy loop
      }
    } finally {
      ticker.shutdownNow();
    }
    if (!pending.isEmpty()) {
      throw new IllegalStateException(pending.size() + " sampled checks not visible " + SETTLE.toSeconds()
          + " s after the last was sent, e.g. " + pending.peek());
    }
    return delays;
  }

  /**
   * Waits until the API answers: right after start it says 503 until the application has caught up
   * with its topics, which is start-up, not freshness.
   */
  private void awaitAnswering() {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (latestCheck(BenchFleet.name(0)) == null) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the query API does not answer " + SETTLE.toSeconds() + " s after start");
      }
      LockSupport.parkNanos(POLL_PAUSE.toNanos());
    }
  }

  private void send(KafkaProducer<String, HealthCheckResult> producer, boolean sampled) {
    int agent = random.nextInt(fleet.agents());
    HealthCheckResult check = fleet.check(agent, 0, Instant.now());
    if (sampled) {
      pending.add(new Sample(check.getAgent(), check.getCheckedAt(), System.nanoTime()));
    }
    producer.send(new ProducerRecord<>(topic, check.getAgent(), check));
  }

  private void pollPending(List<Double> delays) {
    for (Iterator<Sample> it = pending.iterator(); it.hasNext(); ) {
      Sample sample = it.next();
      Instant shown = latestCheck(sample.agent());
      if (shown != null && !shown.isBefore(sample.checkedAt())) {
        delays.add((System.nanoTime() - sample.sentNanos()) / 1e6);
        it.remove();
      }
    }
  }

  /** The agent's latest check time as the API shows it; null while it cannot answer. */
  private Instant latestCheck(String agent) {
    HttpRequest request = HttpRequest.newBuilder(api.resolve(agent)).timeout(Duration.ofSeconds(5)).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return null;
      }
      JsonNode checkedAt = json.readTree(response.body()).path("agent").path("checked_at");
      return checkedAt.isTextual() ? Instant.parse(checkedAt.asText()) : null;
    } catch (IOException e) {
      throw new IllegalStateException("GET " + request.uri() + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during GET " + request.uri(), e);
    }
  }
}
