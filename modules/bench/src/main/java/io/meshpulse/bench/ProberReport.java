package io.meshpulse.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** What the prober benchmark prints: a block per fleet size, the timeout figures, a summary and the RESULT line. */
final class ProberReport {

  /** The figures of one fleet size. */
  record SizeResult(RoundSeries prober, RoundSeries jdk, SequentialBaseline.Measured sequential) {

    int agents() {
      return prober.agents();
    }

    boolean sequentialMeasured() {
      return sequential.agents() == agents();
    }

    double sequentialMs(Duration latency) {
      return sequentialMeasured() ? sequential.wallMs()
          : SequentialBaseline.computedMs(agents(), latency, sequential.overheadMs());
    }
  }

  private final Duration latency;
  private final PrintStream out;

  ProberReport(Duration latency, PrintStream out) {
    this.latency = latency;
    this.out = out;
  }

  void machine() {
    Runtime runtime = Runtime.getRuntime();
    out.printf(Locale.ROOT, "machine: %d cores, load average %.2f, Java %s, max heap %d MB%n",
        runtime.availableProcessors(), Usage.loadAverage(), System.getProperty("java.version"),
        runtime.maxMemory() >> 20);
  }

  void fleetReady(int agents) {
    out.printf(Locale.ROOT, "fleet: %,d simulated agents in %d child processes, each answering after %d ms%n",
        agents, (agents + ChildFleet.AGENTS_PER_PROCESS - 1) / ChildFleet.AGENTS_PER_PROCESS, latency.toMillis());
  }

  void warmedUp(int agents, int rounds) {
    out.printf(Locale.ROOT, "JIT warm-up: %d rounds of %,d agents with each client, not reported; "
        + "each size below starts with new clients and new connections (its cold round)%n", rounds, agents);
  }

  /** Prints the block of one fleet size and returns its figures. */
  SizeResult size(SizeResult r) {
    RoundSeries p = r.prober();
    out.printf(Locale.ROOT, "%nN = %,d, D = %d ms%n", r.agents(), latency.toMillis());
    out.printf(Locale.ROOT, "  prober         cold %s ms | warm median %s ms (min %s, max %s; %d rounds) | round/D %.2f%n",
        ms(p.cold().wallMs()), ms(p.warmMedianMs()), ms(p.warmMinMs()), ms(p.warmMaxMs()), p.warm().size(),
        p.warmMedianMs() / latency.toMillis());
    out.printf(Locale.ROOT, "                 CPU %.2f s per warm round (cold %.2f s) | peak heap %s MB | "
            + "heap after GC, each round: %s MB%n", p.warmCpuMedianSeconds(), p.cold().cpuSeconds(),
        ms(p.peakHeapMb()), p.heapAfterGc());
    healthy(p);
    out.printf(Locale.ROOT, "  sequential     %s ms %s | prober speed-up x%.0f%n", ms(r.sequentialMs(latency)),
        sequentialHow(r), r.sequentialMs(latency) / p.warmMedianMs());
    RoundSeries j = r.jdk();
    out.printf(Locale.ROOT, "  java.net.http  cold %s ms | warm median %s ms (min %s, max %s) | CPU %.2f s per warm "
            + "round | peak heap %s MB | prober x%.1f faster%n", ms(j.cold().wallMs()), ms(j.warmMedianMs()),
        ms(j.warmMinMs()), ms(j.warmMaxMs()), j.warmCpuMedianSeconds(), ms(j.peakHeapMb()),
        j.warmMedianMs() / p.warmMedianMs());
    healthy(j);
    return r;
  }

  void timeouts(TimeoutPrecision.Measured t, String timeout) {
    if (t == null) {
      return;
    }
    out.printf(Locale.ROOT, "%ntimeouts: %,d checks of hung agents, %,d at once, timeout %s; after the deadline:%n",
        t.checks(), t.checks() / 3, timeout);
    out.printf(Locale.ROOT, "  cut (timeout stamped)  p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        Stats.percentile(t.cutLateMs(), 50), Stats.percentile(t.cutLateMs(), 99), Stats.max(t.cutLateMs()));
    out.printf(Locale.ROOT, "  result complete        p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        Stats.percentile(t.doneLateMs(), 50), Stats.percentile(t.doneLateMs(), 99), Stats.max(t.doneLateMs()));
  }

  void summary(List<SizeResult> results) {
    out.printf(Locale.ROOT, "%n%8s %10s %10s %8s %14s %9s %10s %9s%n", "N", "cold_ms", "warm_ms", "ratio",
        "sequential_ms", "speedup", "jdk_ms", "vs_jdk");
    for (SizeResult r : results) {
      out.printf(Locale.ROOT, "%,8d %10s %10s %8.2f %14s %9.0f %10s %9.1f%n", r.agents(), ms(r.prober().cold().wallMs()),
          ms(r.prober().warmMedianMs()), r.prober().warmMedianMs() / latency.toMillis(), ms(r.sequentialMs(latency)),
          r.sequentialMs(latency) / r.prober().warmMedianMs(), ms(r.jdk().warmMedianMs()),
          r.jdk().warmMedianMs() / r.prober().warmMedianMs());
    }
  }

  void resultLine(SizeResult largest, List<SizeResult> all, TimeoutPrecision.Measured t) {
    RoundSeries p = largest.prober();
    ResultLine line = new ResultLine("prober")
        .put("n", largest.agents())
        .put("d_ms", latency.toMillis())
        .put("round_ms", p.warmMedianMs())
        .put("ratio", p.warmMedianMs() / latency.toMillis())
        .put("jdk_round_ms", largest.jdk().warmMedianMs())
        .put("speedup_vs_jdk", largest.jdk().warmMedianMs() / p.warmMedianMs())
        .put("speedup_vs_sequential", largest.sequentialMs(latency) / p.warmMedianMs())
        .put("cold_round_ms", p.cold().wallMs())
        .put("cpu_s", p.warmCpuMedianSeconds())
        .put("peak_heap_mb", p.peakHeapMb());
    all.forEach(r -> line.put("ratio_n" + r.agents(), r.prober().warmMedianMs() / latency.toMillis()));
    if (t != null) {
      line.put("timeout_late_p50_ms", Stats.percentile(t.cutLateMs(), 50))
          .put("timeout_late_p99_ms", Stats.percentile(t.cutLateMs(), 99))
          .put("timeout_late_max_ms", Stats.max(t.cutLateMs()));
    }
    line.put("all_healthy", all.stream().allMatch(r -> r.prober().allHealthy() && r.jdk().allHealthy()) ? 1 : 0);
    out.printf(Locale.ROOT, "%nload average at the end %.2f%n", Usage.loadAverage());
    out.println(line);
  }

  private String sequentialHow(SizeResult r) {
    if (r.sequentialMeasured()) {
      return String.format(Locale.ROOT, "measured (overhead %.2f ms per check)", r.sequential().overheadMs());
    }
    return String.format(Locale.ROOT, "computed: N x (%d + %.2f ms measured at N = %d)", latency.toMillis(),
        r.sequential().overheadMs(), r.sequential().agents());
  }

  private void healthy(RoundSeries s) {
    if (!s.allHealthy()) {
      out.printf("                 NOT ALL HEALTHY (healthy per round, cold first: %s): times are not valid%n",
          s.healthyCounts());
    }
  }

  private static String ms(double millis) {
    return String.format(Locale.ROOT, "%,.0f", millis);
  }
}
