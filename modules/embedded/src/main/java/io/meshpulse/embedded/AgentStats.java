package io.meshpulse.embedded;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What a simulated agent saw, readable from any thread. Keeps the most recent arrivals only. */
final class AgentStats {

  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong connectionsAccepted = new AtomicLong();
  private final AtomicInteger openConnections = new AtomicInteger();
  private final long[] arrivalNanos;
  private final long[] arrivalMillis;
  private long arrivals;

  AgentStats(int arrivalsKept) {
    if (arrivalsKept < 1) {
      throw new IllegalArgumentException("arrivals kept: must be at least 1, got " + arrivalsKept);
    }
    this.arrivalNanos = new long[arrivalsKept];
    this.arrivalMillis = new long[arrivalsKept];
  }

  void requestArrived(long nanoTime, Instant at) {
    requests.incrementAndGet();
    synchronized (this) {
      int slot = (int) (arrivals++ % arrivalNanos.length);
      arrivalNanos[slot] = nanoTime;
      arrivalMillis[slot] = at.toEpochMilli();
    }
  }

  void connectionOpened() {
    connectionsAccepted.incrementAndGet();
    openConnections.incrementAndGet();
  }

  void connectionClosed() {
    openConnections.decrementAndGet();
  }

  long requests() {
    return requests.get();
  }

  long connectionsAccepted() {
    return connectionsAccepted.get();
  }

  int openConnections() {
    return openConnections.get();
  }

  /** The most recent arrivals, oldest first. */
  synchronized List<Arrival> arrivals() {
    int kept = (int) Math.min(arrivals, arrivalNanos.length);
    List<Arrival> list = new ArrayList<>(kept);
    for (long i = arrivals - kept; i < arrivals; i++) {
      int slot = (int) (i % arrivalNanos.length);
      list.add(new Arrival(arrivalNanos[slot], Instant.ofEpochMilli(arrivalMillis[slot])));
    }
    return list;
  }

  /** Forgets requests, arrivals and accepted connections; open connections stay counted. */
  synchronized void reset() {
    requests.set(0);
    connectionsAccepted.set(0);
    arrivals = 0;
  }
}
