package io.meshpulse.app;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Components in the order they were started, closed in reverse; a failing close is logged and the
 * rest still close. A component added after the close (it was being started meanwhile) is closed
 * at once.
 */
final class Components implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Components.class);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private boolean closed;

  /** @throws IllegalStateException after {@link #close}, having closed {@code component} */
  synchronized <T extends AutoCloseable> T add(T component) {
    if (closed) {
      closeQuietly(component);
      throw new IllegalStateException(component.getClass().getSimpleName() + " started while stopping; closed it");
    }
    started.push(component);
    return component;
  }

  synchronized boolean isEmpty() {
    return started.isEmpty();
  }

  @Override
  public synchronized void close() {
    closed = true;
    while (!started.isEmpty()) {
      closeQuietly(started.pop());
    }
  }

  /**
   * Closes {@code component} to its end even on an interrupted thread (a stop during start-up
   * interrupts the starting thread, which then closes what it started): Kafka clients abandon a
   * close on an interrupted thread and log it as an error. The interrupt is kept for the caller.
   */
  private static void closeQuietly(AutoCloseable component) {
    boolean interrupted = Thread.interrupted();
    try {
      component.close();
    } catch (Exception e) {
      LOG.warn("closing {} failed: {}", component.getClass().getSimpleName(), e.getMessage());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
