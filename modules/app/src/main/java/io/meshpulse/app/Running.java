package io.meshpulse.app;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Components started in order and closed in reverse, once, when the process is asked to stop
 * (Ctrl-C, SIGTERM) or a component fails. One named shutdown hook does the stopping. A stop during
 * start-up does not wait for the start-up to finish: the hook closes what has started, the start-up
 * thread is interrupted, and whatever it starts afterwards is closed at once.
 */
final class Running implements AutoCloseable {

  /** The start-up, run by {@link #run}: starts components and {@link #add}s each. */
  @FunctionalInterface
  interface StartUp {
    void start(Running running) throws Exception;
  }

  private static final Logger LOG = LoggerFactory.getLogger(Running.class);
  private static final Duration CLOSE_BUDGET = Duration.ofSeconds(20);
  /** How long the hook waits, after closing, for the start-up thread to close what it was starting. */
  private static final Duration HANDOVER = Duration.ofSeconds(3);

  private final Components started = new Components();
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);
  private final CountDownLatch starterDone = new CountDownLatch(1);
  private final AtomicBoolean closing = new AtomicBoolean();
  private final Thread starter = Thread.currentThread();
  private volatile boolean startingUp = true;

  Running() {
    this(Runtime.getRuntime()::addShutdownHook);
  }

  /** @param hooks registers the stopping hook (the JVM's shutdown hooks; a test's own thread) */
  Running(Consumer<Thread> hooks) {
    hooks.accept(new Thread(this::stopFromHook, "meshpulse-shutdown"));
  }

  /**
   * Runs {@code startUp}, then waits until asked to stop and closes everything. Start-up failing
   * because a stop was requested meanwhile (interrupted, a component closed under it) is that stop,
   * not an error.
   */
  void run(StartUp startUp) throws Exception {
    try {
      startUp.start(this);
    } catch (Exception e) {
      if (!stopRequested()) {
        throw e;
      }
      Thread.interrupted(); // the interrupt was ours, and is handled
      LOG.info("stopped during start-up");
      return;
    }
    awaitStop();
  }

  /** Adds a started component; once everything was closed (a stop during start-up), closes it at once and throws. */
  <T extends AutoCloseable> T add(T component) {
    return started.add(component);
  }

  /** Waits up to {@code timeout} for a stop request; whether one came. For start-up waits. */
  boolean awaitStopRequest(Duration timeout) throws InterruptedException {
    return stopRequested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  boolean stopRequested() {
    return stopRequested.getCount() == 0;
  }

  /** Blocks until the process is asked to stop, then closes everything. */
  void awaitStop() throws InterruptedException {
    startingUp = false;
    stopRequested.await();
    close();
  }

  void requestStop() {
    stopRequested.countDown();
    if (startingUp && Thread.currentThread() != starter) {
      starter.interrupt();
    }
  }

  /** Closes every component in reverse order, once; called by the starting thread when it is done. */
  @Override
  public void close() {
    try {
      closeAll();
    } finally {
      if (Thread.currentThread() == starter) {
        starterDone.countDown();
      }
    }
  }

  private void closeAll() {
    if (!closing.compareAndSet(false, true)) {
      await(closed, CLOSE_BUDGET);
      return;
    }
    long start = System.nanoTime();
    boolean anyStarted = !started.isEmpty();
    started.close();
    if (anyStarted) {
      LOG.info("stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }
    closed.countDown();
  }

  private void stopFromHook() {
    boolean duringStartUp = startingUp;
    requestStop();
    if (duringStartUp) {
      // the start-up thread may be in a step that cannot be interrupted: do not wait for it to close
      closeAll();
      await(starterDone, HANDOVER);
    } else if (!await(closed, CLOSE_BUDGET)) {
      LOG.warn("still closing after {} s; exiting anyway", CLOSE_BUDGET.toSeconds());
    }
  }

  private static boolean await(CountDownLatch latch, Duration timeout) {
    try {
      return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
