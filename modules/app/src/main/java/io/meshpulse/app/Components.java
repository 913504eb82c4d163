package io.meshpulse.app;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Components in the order they were started, closed in reverse; a failing close is logged and the rest still close. */
final class Components implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Components.class);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  synchronized <T extends AutoCloseable> T add(T component) {
    started.push(component);
    return component;
  }

  @Override
  public synchronized void close() {
    while (!started.isEmpty()) {
      AutoCloseable component = started.pop();
      try {
        component.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", component.getClass().getSimpleName(), e.getMessage());
      }
    }
  }
}
