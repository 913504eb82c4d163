package io.meshpulse.app;

import com.sun.management.UnixOperatingSystemMXBean;
import io.meshpulse.schema.config.ConfigException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.OptionalLong;

/**
 * The process's open-files limit ({@code ulimit -n}), checked before a fleet is started that would
 * exceed it: otherwise the failure comes minutes later as "Too many open files" from somewhere deep.
 */
final class OpenFiles {

  /** What the broker, the Streams stores, the clients and the JVM hold open besides the fleet (measured: about 300). */
  static final int BASE = 1_000;

  private OpenFiles() {}

  /** The limit, where the platform tells it. */
  static OptionalLong limit() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof UnixOperatingSystemMXBean unix && unix.getMaxFileDescriptorCount() > 0) {
      return OptionalLong.of(unix.getMaxFileDescriptorCount());
    }
    return OptionalLong.empty();
  }

  /**
   * Fails naming {@code option} when {@code count} items of {@code perItem} open files each, plus
   * {@link #BASE}, exceed {@code limit}; the message says the largest count that fits.
   */
  static void requireRoom(String option, int count, int perItem, long limit) {
    long needed = (long) count * perItem + BASE;
    if (needed <= limit) {
      return;
    }
    long fits = Math.max(0, (limit - BASE) / perItem);
    throw new ConfigException(option, count + " needs about " + needed + " open files, but this process may open "
        + limit + " (ulimit -n): raise the limit (e.g. ulimit -n " + roundUp(needed) + ") or use " + fits + " or fewer");
  }

  private static long roundUp(long needed) {
    long step = 1_024;
    return (needed + step - 1) / step * step;
  }
}
