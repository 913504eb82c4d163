package io.meshpulse.prober.cases;

import io.meshpulse.embedded.SimulatedAgent;
import io.meshpulse.prober.round.ResultSink;
import io.meshpulse.schema.HealthCheckResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;

/**
 * A result sink for scheduled rounds of one agent: keeps the first {@code wanted} results and, at
 * the moment the last of them arrives, what the agent had seen so far, so rounds that run on
 * after it do not blur the counts. Runs {@code afterEach} after each result.
 */
final class AgentWatch implements ResultSink {

  /** The first results and the agent's counts when the last of them arrived. */
  record Seen(List<HealthCheckResult> results, long connectionsAccepted, long requests) {}

  private final SimulatedAgent agent;
  private final int wanted;
  private final Runnable afterEach;
  private final List<HealthCheckResult> results = new ArrayList<>();
  private final AtomicReference<Seen> seen = new AtomicReference<>();

  AgentWatch(SimulatedAgent agent, int wanted, Runnable afterEach) {
    this.agent = agent;
    this.wanted = wanted;
    this.afterEach = afterEach;
  }

  @Override
  public synchronized void accept(HealthCheckResult result) {
    if (results.size() < wanted && result.getAgent().equals(agent.name())) {
      results.add(result);
      if (results.size() == wanted) {
        seen.set(new Seen(List.copyOf(results), agent.connectionsAccepted(), agent.requests()));
      }
    }
    afterEach.run();
  }

  Seen await(Duration atMost) {
    return Awaitility.await().atMost(atMost).until(seen::get, s -> s != null);
  }
}
