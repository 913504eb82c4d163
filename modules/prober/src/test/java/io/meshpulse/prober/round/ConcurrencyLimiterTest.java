package io.meshpulse.prober.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ConcurrencyLimiterTest {

  @Test
  void waitersGetSlotsInArrivalOrder() {
    ConcurrencyLimiter limiter = new ConcurrencyLimiter(1);
    CompletableFuture<Void> first = limiter.acquire();
    CompletableFuture<Void> second = limiter.acquire();
    CompletableFuture<Void> third = limiter.acquire();

    assertTrue(first.isDone());
    assertFalse(second.isDone());
    assertEquals(2, limiter.waiting());

    limiter.release();

    assertTrue(second.isDone());
    assertFalse(third.isDone());
  }
}
