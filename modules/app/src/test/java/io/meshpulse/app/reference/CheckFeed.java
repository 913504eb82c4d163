package io.meshpulse.app.reference;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.FailureKind;
import io.meshpulse.schema.HealthCheckResult;
import io.meshpulse.schema.serde.MeshSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A fixed, seeded stream of checks for a few agents, in the order a prober fleet might deliver it:
 * runs of each health with blips, lognormal response times, timeouts without a response, about 7 %
 * of checks 0.5–4.5 s behind (out of order, mostly within grace), about 3 % 12–30 s behind (late),
 * and three records the topology must refuse: one that is not a check, one stamped a day ahead, one
 * under another agent's key. The same seed gives the same feed, shifted to {@code start}.
 */
public final class CheckFeed {

  /** Time between two rounds of checks of one agent. */
  public static final Duration INTERVAL = Duration.ofSeconds(2);
  private static final List<String> CAPABILITIES = List.of("search", "chat", "invoices");
  private static final List<AgentHealth> HEALTHS = List.of(AgentHealth.HEALTHY, AgentHealth.DEGRADED, AgentHealth.UNHEALTHY);
  private static final long TIMEOUT_MS = 2000;

  private final List<AgentCard> cards;
  private final List<Map.Entry<String, byte[]>> records;

  private CheckFeed(List<AgentCard> cards, List<Map.Entry<String, byte[]>> records) {
    this.cards = cards;
    this.records = records;
  }

  /**
   * @param start check time of the first round
   * @param now the wall clock, which the future-stamped check is a day ahead of
   */
  public static CheckFeed generate(long seed, int agents, int rounds, Instant start, Instant now) {
    Random random = new Random(seed);
    List<AgentCard> cards = new ArrayList<>();
    List<Arrival> arrivals = new ArrayList<>();
    for (int a = 0; a < agents; a++) {
      AgentCard card = card(a);
      cards.add(card);
      new AgentScript(card.getName(), a, random).checks(rounds, start, random).forEach(arrivals::add);
    }
    arrivals.sort(Comparator.comparingLong(Arrival::atMs).thenComparingInt(Arrival::sequence));
    List<Map.Entry<String, byte[]>> records = new ArrayList<>(arrivals.stream()
        .map(x -> Map.entry(x.check().getAgent(), MeshSerdes.checkResult().encode(x.check()))).toList());
    String first = cards.get(0).getName();
    String second = cards.get(1).getName();
    HealthCheckResult future = check(second, AgentHealth.HEALTHY, now.plus(Duration.ofDays(1)), 12.0, 1, false);
    records.add(records.size() / 3, Map.entry(first, "{\"agent\":\"not avro\"}".getBytes(StandardCharsets.UTF_8)));
    records.add(records.size() / 2, Map.entry(second, MeshSerdes.checkResult().encode(future)));
    records.add(2 * records.size() / 3, Map.entry(second, MeshSerdes.checkResult().encode(
        check(first, AgentHealth.HEALTHY, start, 12.0, 1, false))));
    return new CheckFeed(List.copyOf(cards), List.copyOf(records));
  }

  public List<AgentCard> cards() {
    return cards;
  }

  /** Key and encoded value of every record, in the order to produce them. */
  public List<Map.Entry<String, byte[]>> records() {
    return records;
  }

  /** The records in {@code parts} consecutive pieces of (nearly) equal size. */
  public List<List<Map.Entry<String, byte[]>>> parts(int parts) {
    List<List<Map.Entry<String, byte[]>>> pieces = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      pieces.add(records.subList(i * records.size() / parts, (i + 1) * records.size() / parts));
    }
    return pieces;
  }

  /** Agent n: one or two capabilities; agents 3 and 7 with thresholds of their own. */
  private static AgentCard card(int n) {
    String name = String.format("agent-%02d", n + 1);
    List<String> capabilities = n % 2 == 0
        ? List.of(CAPABILITIES.get(n % 3))
        : List.of(CAPABILITIES.get(n % 3), CAPABILITIES.get((n + 1) % 3));
    return AgentCard.newBuilder()
        .setName(name)
        .setUrl("http://127.0.0.1:9/" + name + "/health")
        .setCapabilities(capabilities)
        .setUnhealthyAfter(n == 2 ? Integer.valueOf(1) : n == 6 ? Integer.valueOf(5) : null)
        .setHealthyAfter(n == 2 ? Integer.valueOf(4) : null)
        .build();
  }

  /** A check with a response after {@code responseMs} (HTTP 200, or 503 when UNHEALTHY), or a timeout without one. */
  private static HealthCheckResult check(String agent, AgentHealth health, Instant at, double responseMs, long round,
      boolean timedOut) {
    boolean failed = health == AgentHealth.UNHEALTHY || timedOut;
    return HealthCheckResult.newBuilder()
        .setAgent(agent)
        .setUrl("http://127.0.0.1:9/" + agent + "/health")
        .setHealth(timedOut ? AgentHealth.UNHEALTHY : health)
        .setResponseTimeMs(timedOut ? TIMEOUT_MS : responseMs)
        .setHttpStatus(timedOut ? null : failed ? Integer.valueOf(503) : Integer.valueOf(200))
        .setError(timedOut ? "timeout after " + TIMEOUT_MS + " ms" : failed ? "HTTP 503" : null)
        .setFailureKind(timedOut ? FailureKind.TIMEOUT : failed ? FailureKind.HTTP_STATUS : null)
        .setCheckedAt(at)
        .setProberId("reference-prober")
        .setRoundId(round)
        .setTimeoutMs(TIMEOUT_MS)
        .build();
  }

  /** A check and when it reaches the topic; {@code sequence} keeps the order of checks arriving at once. */
  private record Arrival(long atMs, int sequence, HealthCheckResult check) {}

  /** One agent's behaviour: a health mode that changes now and then, blips, its own typical latency. */
  private static final class AgentScript {
    private final String agent;
    private final int index;
    private final double medianMs;
    private final double switchChance;

    AgentScript(String agent, int index, Random random) {
      this.agent = agent;
      this.index = index;
      this.medianMs = 5 * Math.exp(random.nextDouble() * Math.log(40)); // 5..200 ms
      this.switchChance = 0.05 + 0.15 * random.nextDouble();
    }

    List<Arrival> checks(int rounds, Instant start, Random random) {
      List<Arrival> arrivals = new ArrayList<>();
      AgentHealth mode = AgentHealth.HEALTHY;
      for (int round = 0; round < rounds; round++) {
        if (random.nextDouble() < switchChance) {
          double pick = random.nextDouble();
          mode = pick < 0.6 ? AgentHealth.HEALTHY : pick < 0.8 ? AgentHealth.DEGRADED : AgentHealth.UNHEALTHY;
        }
        AgentHealth health = random.nextDouble() < 0.85 ? mode : HEALTHS.get(random.nextInt(HEALTHS.size()));
        Instant at = start.plus(INTERVAL.multipliedBy(round)).plusMillis(index * 37L + random.nextInt(100));
        double ms = medianMs * Math.exp(0.5 * random.nextGaussian()) * (health == AgentHealth.DEGRADED ? 3 : 1);
        boolean timeout = health == AgentHealth.UNHEALTHY && random.nextBoolean();
        HealthCheckResult check = check(agent, health, at, ms, round + 1, timeout);
        arrivals.add(new Arrival(at.toEpochMilli() + delayMs(random), index * rounds + round, check));
      }
      return arrivals;
    }

    private static long delayMs(Random random) {
      double u = random.nextDouble();
      if (u < 0.03) {
        return 12_000 + random.nextInt(18_000);
      }
      return u < 0.10 ? 500 + random.nextInt(4_000) : 0;
    }
  }
}
