package io.meshpulse.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Stopping: in reverse order, once, promptly, also when the stop comes while components are still starting. */
class RunningTest {

  private static final Duration PROMPTLY = Duration.ofSeconds(5);
  /** How long a stop waits for a start-up stuck in a step that ignores interrupts (15 s in the product). */
  private static final Duration HANDOVER = Duration.ofSeconds(2);

  private final List<String> closed = new CopyOnWriteArrayList<>();
  private final AtomicReference<Thread> hook = new AtomicReference<>();
  private final AtomicReference<Exception> startUpFailure = new AtomicReference<>();

  @Test
  void stopDuringAStartUpStepThatCannotBeInterruptedClosesWhatStartedInReverseAtOnce() throws Exception {
    // Given: a start-up that has started a and b and is stuck in a step ignoring interrupts
    CountDownLatch stuck = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread starter = startUp(running -> {
      running.add(component("a"));
      running.add(component("b"));
      stuck.countDown();
      awaitIgnoringInterrupts(release);
      running.add(component("c"));
    });
    assertTrue(stuck.await(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS));

    // When
    long start = System.nanoTime();
    runHook();

    // Then
    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(PROMPTLY) < 0, "the hook waited for the start-up");
    assertEquals(List.of("b", "a"), closed);
    release.countDown();
    starter.join(PROMPTLY.toMillis());
    assertEquals(List.of("b", "a", "c"), closed, "what the start-up started afterwards is closed at once");
    assertEquals(null, startUpFailure.get(), "a stop during start-up is not an error");
  }

  @Test
  void stopDuringAnUninterruptibleStepLetsItEndUndisturbedThenClosesWhatItStarted() throws Exception {
    // Given: a start-up in a step that an interrupt would break (as an embedded broker's start)
    CountDownLatch inStep = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Boolean> interrupted = new AtomicReference<>();
    Thread starter = startUp(running -> {
      running.add(component("api"));
      AutoCloseable broker = running.uninterruptibly(() -> {
        inStep.countDown();
        interrupted.set(!release.await(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS));
        return component("broker");
      });
      running.add(broker);
      running.add(component("never"));
    });
    assertTrue(inStep.await(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS));

    // When: the stop comes, and then the step ends
    Thread stopping = hook.get();
    stopping.start();
    await().atMost(PROMPTLY).until(() -> stopping.getState() == Thread.State.TIMED_WAITING);
    release.countDown();
    stopping.join(Duration.ofSeconds(30).toMillis());

    // Then
    starter.join(PROMPTLY.toMillis());
    assertEquals(false, interrupted.get(), "the step ran to its end, not interrupted");
    assertEquals(List.of("broker", "api"), closed, "what the step started is closed, in reverse; nothing after it starts");
    assertEquals(null, startUpFailure.get(), "a stop during start-up is not an error");
  }

  @Test
  void stopDuringAnInterruptibleStartUpWaitEndsTheStartUpQuietlyClosingInReverse() throws Exception {
    // Given: a start-up waiting, as the demo waits for its fleet to show in the API
    CountDownLatch waiting = new CountDownLatch(1);
    Thread starter = startUp(running -> {
      running.add(component("broker"));
      running.add(component("streams"));
      waiting.countDown();
      new CountDownLatch(1).await();
    });
    assertTrue(waiting.await(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS));

    // When
    runHook();

    // Then
    starter.join(PROMPTLY.toMillis());
    assertEquals(false, starter.isAlive());
    assertEquals(List.of("streams", "broker"), closed, "the broker last: nothing loses it while closing");
    assertEquals(null, startUpFailure.get());
  }

  @Test
  void stopAfterStartUpClosesEverythingInReverseOnce() throws Exception {
    // Given
    CountDownLatch started = new CountDownLatch(1);
    Thread starter = startUp(running -> {
      running.add(component("kafka"));
      running.add(component("api"));
      running.add(component("prober"));
      started.countDown();
    });
    assertTrue(started.await(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS));

    // When
    runHook();

    // Then
    starter.join(PROMPTLY.toMillis());
    assertEquals(List.of("prober", "api", "kafka"), closed);
  }

  /** Runs {@code startUp} as a command does, on a thread of its own; the hook is kept for {@link #runHook}. */
  private Thread startUp(Running.StartUp startUp) {
    Thread starter = new Thread(() -> {
      try (Running running = new Running(hook::set, HANDOVER)) {
        running.run(startUp);
      } catch (Exception e) {
        startUpFailure.set(e);
      }
    }, "test-starter");
    starter.start();
    return starter;
  }

  /** As the JVM runs a shutdown hook on Ctrl-C: on a thread of its own, to its end. */
  private void runHook() throws InterruptedException {
    Thread stopping = hook.get();
    stopping.start();
    stopping.join(Duration.ofSeconds(30).toMillis());
  }

  private AutoCloseable component(String name) {
    return () -> closed.add(name);
  }

  private static void awaitIgnoringInterrupts(CountDownLatch latch) {
    while (true) {
      try {
        latch.await();
        return;
      } catch (InterruptedException e) {
        // a step that cannot be interrupted, e.g. a library's blocking start
      }
    }
  }
}
