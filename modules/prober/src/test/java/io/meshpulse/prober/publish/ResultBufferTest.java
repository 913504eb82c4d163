package io.meshpulse.prober.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ResultBufferTest {

  @Test
  void fullBufferDropsTheOldestAndCountsIt() throws InterruptedException {
    ResultBuffer<Integer> buffer = new ResultBuffer<>(2);
    buffer.add(1);
    buffer.add(2);

    assertFalse(buffer.add(3));

    assertEquals(1, buffer.dropped());
    assertEquals(2, buffer.take(0, TimeUnit.MILLISECONDS));
    assertEquals(3, buffer.take(0, TimeUnit.MILLISECONDS));
    assertNull(buffer.take(0, TimeUnit.MILLISECONDS));
  }

  @Test
  void putBackGoesFirst() throws InterruptedException {
    ResultBuffer<Integer> buffer = new ResultBuffer<>(3);
    buffer.add(2);
    buffer.putBack(1);

    assertEquals(1, buffer.take(0, TimeUnit.MILLISECONDS));
  }

  @Test
  void itemPutBackIntoAFullBufferGivesWayItselfAsTheOldest() throws InterruptedException {
    ResultBuffer<Integer> buffer = new ResultBuffer<>(2);
    buffer.add(2);
    buffer.add(3);

    boolean kept = buffer.putBack(1);

    assertFalse(kept);
    assertEquals(1, buffer.dropped());
    assertEquals(2, buffer.take(0, TimeUnit.MILLISECONDS));
    assertEquals(3, buffer.take(0, TimeUnit.MILLISECONDS));
  }
}
