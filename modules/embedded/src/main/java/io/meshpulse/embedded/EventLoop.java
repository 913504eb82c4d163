package io.meshpulse.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread serving every listener and connection of a fleet. Timers run on the same thread
 * (a priority queue and the select timeout); other threads hand it work through a queue and
 * {@code wakeup()}. All channel state is touched on this thread only.
 */
final class EventLoop implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final Selector selector;
  private final Thread thread;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final Timers timers = new Timers();
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(16 * 1024);
  private volatile boolean running = true;

  private EventLoop(String name) throws IOException {
    this.selector = Selector.open();
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
  }

  static EventLoop start(String name) {
    try {
      EventLoop loop = new EventLoop(name);
      loop.thread.start();
      return loop;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
  }

  Selector selector() {
    return selector;
  }

  /** A buffer to read into; loop thread only, contents valid until the next read. */
  ByteBuffer readBuffer() {
    return readBuffer.clear();
  }

  /** Runs {@code task} on the loop thread, soon; callable from any thread. */
  void execute(Runnable task) {
    tasks.add(task);
    if (Thread.currentThread() != thread) {
      selector.wakeup();
    }
  }

  /** Runs {@code task} on the loop thread and returns its result; exceptions it throws are rethrown here. */
  <T> T call(Supplier<T> task, Duration timeout) {
    if (Thread.currentThread() == thread) {
      return task.get();
    }
    if (!running) {
      throw new IllegalStateException("the simulated fleet is closed");
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    execute(() -> complete(result, task));
    try {
      return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the fleet's event loop", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the fleet's event loop did not run a task within " + timeout.toMillis() + " ms", e);
    }
  }

  /** Runs {@code action} on the loop thread after {@code delay}; loop thread only. */
  Timers.Timer schedule(Duration delay, Runnable action) {
    return timers.schedule(System.nanoTime() + delay.toNanos(), action);
  }

  /**
   * Releases the sockets of channels closed since the last select (the selector closes them only when it
   * deregisters them), so that a port can be bound again and peers see the close now. Loop thread only.
   */
  void releaseClosedChannels() {
    try {
      selector.selectNow();
    } catch (IOException e) {
      throw new UncheckedIOException("selectNow failed", e);
    }
  }

  @Override
  public void close() {
    running = false;
    selector.wakeup();
    try {
      thread.join(STOP_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("fleet event loop {} did not stop within {} ms", thread.getName(), STOP_TIMEOUT.toMillis());
    }
  }

  private void run() {
    try {
      while (running) {
        runTasks();
        long untilNextTimer = timers.runDue(System.nanoTime());
        select(untilNextTimer);
        handleSelectedKeys();
      }
    } catch (IOException e) {
      LOG.error("fleet event loop {} stopped: the selector failed", thread.getName(), e);
    } finally {
      closeSelector();
    }
  }

  private void runTasks() {
    for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.error("fleet event loop task failed", e);
      }
    }
  }

  private void select(long untilNextTimerNanos) throws IOException {
    if (!tasks.isEmpty() || !selector.selectedKeys().isEmpty()) {
      selector.selectNow();
    } else if (untilNextTimerNanos < 0) {
      selector.select();
    } else {
      selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(untilNextTimerNanos + 999_999)));
    }
  }

  private void handleSelectedKeys() {
    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
    while (keys.hasNext()) {
      SelectionKey key = keys.next();
      keys.remove();
      if (!key.isValid()) {
        continue;
      }
      IoHandler handler = (IoHandler) key.attachment();
      try {
        handler.onReady(key);
      } catch (RuntimeException e) {
        LOG.error("simulated agent connection {} failed; closing it", handler, e);
        handler.abort();
      }
    }
  }

  private void closeSelector() {
    try {
      selector.close();
    } catch (IOException e) {
      LOG.warn("cannot close the fleet's selector: {}", e.toString());
    }
  }

  private static <T> void complete(CompletableFuture<T> result, Supplier<T> task) {
    try {
      result.complete(task.get());
    } catch (RuntimeException | Error e) {
      result.completeExceptionally(e);
    }
  }

  private static RuntimeException rethrow(Throwable cause) {
    if (cause instanceof RuntimeException e) {
      return e;
    }
    if (cause instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(cause);
  }
}
