package io.meshpulse.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * CPU time spent, as opposed to wall-clock time: on a machine shared with other work, checks per
 * CPU-second compare runs where checks per second cannot.
 */
record CpuTime(long processNanos, long streamThreadNanos) {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Now: this JVM's CPU time (broker, Streams, everything) and its Kafka Streams threads'. */
  static CpuTime now() {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long streams = Arrays.stream(THREADS.getThreadInfo(THREADS.getAllThreadIds()))
        .filter(t -> t != null && t.getThreadName().contains("-StreamThread-"))
        .mapToLong(ThreadInfo::getThreadId)
        .map(THREADS::getThreadCpuTime)
        .filter(nanos -> nanos > 0)
        .sum();
    return new CpuTime(os.getProcessCpuTime(), streams);
  }

  /** The CPU time spent between {@code earlier} and this. */
  CpuTime since(CpuTime earlier) {
    return new CpuTime(processNanos - earlier.processNanos, streamThreadNanos - earlier.streamThreadNanos);
  }
}
