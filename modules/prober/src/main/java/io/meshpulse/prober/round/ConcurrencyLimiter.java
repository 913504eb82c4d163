package io.meshpulse.prober.round;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the checks in flight without blocking a thread: a check waits for a slot as a future,
 * first come first served.
 */
final class ConcurrencyLimiter {

  private final AtomicInteger free;
  private final Queue<CompletableFuture<Void>> waiting = new ConcurrentLinkedQueue<>();

  ConcurrencyLimiter(int slots) {
    this.free = new AtomicInteger(slots);
  }

  CompletableFuture<Void> acquire() {
    if (tryTake()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> slot = new CompletableFuture<>();
    waiting.add(slot);
    // a slot may have been released between the failed take and the enqueue
    handOver();
    return slot;
  }

  void release() {
    free.incrementAndGet();
    handOver();
  }

  int waiting() {
    return waiting.size();
  }

  private void handOver() {
    while (!waiting.isEmpty() && tryTake()) {
      CompletableFuture<Void> next = waiting.poll();
      if (next == null) {
        free.incrementAndGet();
        return;
      }
      next.complete(null);
    }
  }

  private boolean tryTake() {
    int now;
    do {
      now = free.get();
      if (now == 0) {
        return false;
      }
    } while (!free.compareAndSet(now, now - 1));
    return true;
  }
}
