package io.meshpulse.app;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Components started in order and closed in reverse, once, when the process is asked to stop
 * (Ctrl-C, SIGTERM) or a component fails. One named shutdown hook waits for the close to finish.
 */
final class Running implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Running.class);
  private static final Duration CLOSE_BUDGET = Duration.ofSeconds(20);

  private final Components started = new Components();
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);

  Running() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::stopFromHook, "meshpulse-shutdown"));
  }

  <T extends AutoCloseable> T add(T component) {
    return started.add(component);
  }

  /** Blocks until the process is asked to stop, then closes everything. */
  void awaitStop() throws InterruptedException {
    stopRequested.await();
    close();
  }

  void requestStop() {
    stopRequested.countDown();
  }

  @Override
  public synchronized void close() {
    if (closed.getCount() == 0) {
      return;
    }
    long start = System.nanoTime();
    started.close();
    LOG.info("stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    closed.countDown();
  }

  private void stopFromHook() {
    requestStop();
    try {
      if (!closed.await(CLOSE_BUDGET.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("still closing after {} s; exiting anyway", CLOSE_BUDGET.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
