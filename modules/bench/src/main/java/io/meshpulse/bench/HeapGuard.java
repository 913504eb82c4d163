package io.meshpulse.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes {@code java -jar meshpulse-bench.jar prober} work whatever the machine's default heap: when
 * this JVM's maximum heap is below what the largest fleet needs (a pooled connection keeps about 28 KB),
 * the benchmark runs again in a child JVM with enough, and this one waits for it.
 */
final class HeapGuard {

  /** Set in the child, so it never launches another. */
  private static final String RELAUNCHED = "meshpulse.bench.relaunched";
  private static final long BASE_BYTES = 256L << 20;
  private static final long PER_AGENT_BYTES = 64L << 10;

  private HeapGuard() {}

  static long neededBytes(int agents) {
    return BASE_BYTES + agents * PER_AGENT_BYTES;
  }

  static boolean mustRelaunch(int agents) {
    return Runtime.getRuntime().maxMemory() < neededBytes(agents) && System.getProperty(RELAUNCHED) == null;
  }

  /** Runs {@code mainArgs} in a child JVM with the heap {@code agents} need; returns its exit code. */
  static int relaunch(int agents, List<String> mainArgs) throws IOException, InterruptedException {
    long megabytes = (neededBytes(agents) >> 20) + 1;
    List<String> command = new ArrayList<>(List.of(ChildFleet.javaBinary(), "-Xmx" + megabytes + "m",
        "-D" + RELAUNCHED + "=true", "-cp", ChildFleet.ownClassPath(), Bench.class.getName()));
    command.addAll(mainArgs);
    System.out.printf("max heap %d MB is below the %d MB %d agents need: running in a JVM with -Xmx%dm%n",
        Runtime.getRuntime().maxMemory() >> 20, megabytes, agents, megabytes);
    return new ProcessBuilder(command).inheritIO().start().waitFor();
  }
}
