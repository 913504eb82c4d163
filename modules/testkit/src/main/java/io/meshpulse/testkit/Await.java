package io.meshpulse.testkit;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a client's answer at most {@link KafkaCluster#TIMEOUT}, failing with what was asked. */
final class Await {

  private Await() {}

  /** @param what what was asked, for the message: "send to t", "read the offsets of g" */
  static <T> T result(Future<T> future, String what) {
    try {
      return future.get(KafkaCluster.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to " + what, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot " + what + ": " + e.getMessage(), e);
    }
  }
}
