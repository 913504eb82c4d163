package io.meshpulse.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/** This process's CPU time and heap, read around a measured piece of work. */
final class Usage {

  private static final OperatingSystemMXBean OS =
      ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
  private static final List<MemoryPoolMXBean> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(pool -> pool.getType() == MemoryType.HEAP).toList();

  private Usage() {}

  /** CPU time of every thread of this process, in nanoseconds. */
  static long cpuNanos() {
    return OS.getProcessCpuTime();
  }

  /** Starts a new peak: {@link #peakHeapBytes()} then tells the most heap used since. */
  static void resetPeak() {
    HEAP_POOLS.forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /** The heap pools' peaks since {@link #resetPeak()}, summed (an upper bound of the heap in use at once). */
  static long peakHeapBytes() {
    return HEAP_POOLS.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
  }

  /** Heap in use after a full collection: what the work keeps, not its garbage. */
  static long heapAfterGcBytes() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** The system's load average over the last minute (-1 where the platform does not tell). */
  static double loadAverage() {
    return OS.getSystemLoadAverage();
  }
}
