package io.meshpulse.prober.cases;

import io.meshpulse.prober.round.ResultSink;
import io.meshpulse.schema.HealthCheckResult;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Every result the prober hands on, in order, readable while rounds go on. */
final class CollectedResults implements ResultSink {

  private final Queue<HealthCheckResult> results = new ConcurrentLinkedQueue<>();

  @Override
  public void accept(HealthCheckResult result) {
    results.add(result);
  }

  List<HealthCheckResult> all() {
    return List.copyOf(results);
  }

  List<HealthCheckResult> of(String agent) {
    return results.stream().filter(r -> r.getAgent().equals(agent)).toList();
  }

  /** The highest round id seen so far (0 before any result). */
  long latestRound() {
    return results.stream().mapToLong(HealthCheckResult::getRoundId).max().orElse(0);
  }
}
