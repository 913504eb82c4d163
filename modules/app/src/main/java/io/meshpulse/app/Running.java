package io.meshpulse.app;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Components started in order and closed in reverse, once, when the process is asked to stop
 * (Ctrl-C, SIGTERM) or a component fails. One named shutdown hook does the stopping. A stop during
 * start-up interrupts the start-up thread, which then closes what it started, in order (the broker
 * last, so nothing loses it mid-close). Only when that thread is stuck in a step that ignores
 * interrupts does the hook close what has started itself; whatever starts afterwards is closed at once.
 */
final class Running implements AutoCloseable {

  /** The start-up, run by {@link #run}: starts components and {@link #add}s each. */
  @FunctionalInterface
  interface StartUp {
    void start(Running running) throws Exception;
  }

  private static final Logger LOG = LoggerFactory.getLogger(Running.class);
  private static final Duration CLOSE_BUDGET = Duration.ofSeconds(20);
  /**
   * How long the hook waits for the start-up thread to stop and close what it started: long enough
   * for an {@link #uninterruptibly} step (a broker starting) to end, and for Kafka Streams caught
   * mid-rebalance to close (4 s and more on a busy machine).
   */
  private static final Duration HANDOVER = Duration.ofSeconds(15);

  private final Components started = new Components();
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);
  private final CountDownLatch starterDone = new CountDownLatch(1);
  private final AtomicBoolean closing = new AtomicBoolean();
  private final Thread starter = Thread.currentThread();
  private final Duration handover;
  private volatile boolean startingUp = true;
  /** Guards the start-up thread's interruptibility: an interrupt never lands inside an {@link #uninterruptibly} step. */
  private final Object interrupts = new Object();
  private boolean interruptible = true;
  /** The start-up failed (bad input, Kafka unreachable): the command reports it, closing is not news. */
  private volatile boolean startFailed;

  Running() {
    this(Runtime.getRuntime()::addShutdownHook, HANDOVER);
  }

  /**
   * @param hooks registers the stopping hook (the JVM's shutdown hooks; a test's own thread)
   * @param handover how long a stop during start-up waits for the start-up thread before closing without it
   */
  Running(Consumer<Thread> hooks, Duration handover) {
    this.handover = handover;
    hooks.accept(new Thread(this::stopFromHook, "meshpulse-shutdown"));
  }

  /**
   * Runs {@code startUp}, then waits until asked to stop and closes everything. Start-up failing
   * because a stop was requested meanwhile (interrupted, a component closed under it, a library
   * that cannot initialize while the JVM shuts down) is that stop, not an error.
   */
  void run(StartUp startUp) throws Exception {
    try {
      startUp.start(this);
    } catch (Exception | Error e) {
      if (!stopRequested()) {
        startFailed = true;
        throw e;
      }
      Thread.interrupted(); // the interrupt was ours, and is handled
      LOG.info("stopped during start-up");
      LOG.debug("start-up ended by the stop with", e);
      return;
    }
    awaitStop();
  }

  /**
   * Adds a started component, to be closed in reverse order. Once a stop was requested it throws,
   * ending the start-up, having kept the component for the closing (or closed it at once when
   * everything else was closed already).
   */
  <T extends AutoCloseable> T add(T component) {
    started.add(component);
    if (stopRequested()) {
      throw new IllegalStateException("stop requested during start-up");
    }
    return component;
  }

  /**
   * Runs a start-up step that a stop request must not interrupt, because an interrupt would leave it
   * half done (an embedded Kafka broker halts the JVM on an interrupted start): the stop waits for it,
   * and what it started is closed once it is {@link #add}ed. Not run at all once a stop was requested.
   */
  <T> T uninterruptibly(Callable<T> step) throws Exception {
    synchronized (interrupts) {
      if (stopRequested()) {
        throw new InterruptedException("stop requested");
      }
      interruptible = false;
    }
    try {
      return step.call();
    } finally {
      synchronized (interrupts) {
        interruptible = true;
      }
    }
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
    synchronized (interrupts) {
      stopRequested.countDown();
      if (startingUp && interruptible && Thread.currentThread() != starter) {
        starter.interrupt();
      }
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
    if (anyStarted && !startFailed) {
      LOG.info("stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }
    closed.countDown();
  }

  private void stopFromHook() {
    boolean duringStartUp = startingUp;
    requestStop();
    if (duringStartUp) {
      if (!await(starterDone, handover)) {
        closeAll(); // stuck in a step that ignores interrupts: close what has started without it
      }
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
