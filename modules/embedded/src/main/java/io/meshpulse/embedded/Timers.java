package io.meshpulse.embedded;

import java.util.Comparator;
import java.util.PriorityQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Timers of the event loop: a priority queue by deadline, run on the loop thread only. */
final class Timers {

  private static final Logger LOG = LoggerFactory.getLogger(Timers.class);

  private final PriorityQueue<Timer> queue =
      new PriorityQueue<>(Comparator.comparingLong(Timer::deadline).thenComparingLong(Timer::order));
  private long scheduled;

  Timer schedule(long deadlineNanos, Runnable action) {
    Timer timer = new Timer(deadlineNanos, scheduled++, action);
    queue.add(timer);
    return timer;
  }

  /**
   * Runs the timers due at {@code nowNanos}, including those they schedule for then.
   *
   * @return nanoseconds until the next timer is due, or -1 when none is pending
   */
  long runDue(long nowNanos) {
    while (!queue.isEmpty()) {
      Timer next = queue.peek();
      if (next.cancelled) {
        queue.poll();
      } else if (next.deadline - nowNanos <= 0) {
        queue.poll();
        run(next);
      } else {
        return next.deadline - nowNanos;
      }
    }
    return -1;
  }

  private static void run(Timer timer) {
    try {
      timer.action.run();
    } catch (RuntimeException e) {
      LOG.error("simulated fleet timer failed", e);
    }
  }

  /** A pending action; cancel it from the loop thread. */
  static final class Timer {
    private final long deadline;
    private final long order;
    private final Runnable action;
    private boolean cancelled;

    private Timer(long deadline, long order, Runnable action) {
      this.deadline = deadline;
      this.order = order;
      this.action = action;
    }

    void cancel() {
      cancelled = true;
    }

    long deadline() {
      return deadline;
    }

    long order() {
      return order;
    }
  }
}
