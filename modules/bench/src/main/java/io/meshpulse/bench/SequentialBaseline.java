package io.meshpulse.bench;

import io.meshpulse.prober.http.HttpProber;
import io.meshpulse.prober.http.HttpSettings;
import io.meshpulse.prober.http.ProbeOutcome;
import io.meshpulse.schema.AgentCard;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What checking one agent after another costs: the prober's own HTTP client, connections already
 * open, each check waiting for the previous one. Measured on small fleets; its per-check overhead
 * above the agents' latency gives the baseline of large ones.
 */
final class SequentialBaseline {

  /** @param wallMs the sequential loop's wall time; @param overheadMs per check, above the latency */
  record Measured(int agents, double wallMs, double overheadMs) {}

  private SequentialBaseline() {}

  static Measured measure(List<AgentCard> agents, Duration latency, Duration timeout) {
    List<URI> urls = agents.stream().map(card -> URI.create(card.getUrl())).toList();
    try (HttpProber http = new HttpProber(HttpSettings.defaults())) {
      // open every connection first, in parallel, as a warm prober has them
      CompletableFuture.allOf(urls.stream().map(u -> http.probe(u, timeout)).toArray(CompletableFuture[]::new)).join();
      long start = System.nanoTime();
      for (URI url : urls) {
        ProbeOutcome outcome = http.probe(url, timeout).join();
        if (outcome.failure() != null) {
          throw new IllegalStateException("sequential check of " + url + " failed: " + outcome.failure().message());
        }
      }
      double wallMs = (System.nanoTime() - start) / 1e6;
      return new Measured(urls.size(), wallMs, wallMs / urls.size() - latency.toMillis());
    }
  }

  /** The sequential time of {@code agents} agents from a measured per-check overhead. */
  static double computedMs(int agents, Duration latency, double overheadMs) {
    return agents * (latency.toMillis() + overheadMs);
  }
}
