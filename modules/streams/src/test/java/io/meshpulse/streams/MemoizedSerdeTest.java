package io.meshpulse.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.serde.MeshSerdes;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

class MemoizedSerdeTest {

  private final MemoizedSerde<AgentCard> serde = new MemoizedSerde<>(MeshSerdes.agentCard(), 2);
  private final Deserializer<AgentCard> reader = serde.deserializer();

  private byte[] bytesOf(String agent) {
    return serde.serializer().serialize("t", Checks.card(agent));
  }

  @Test
  void sameBytesReadTwiceAreDecodedOnce() {
    AgentCard first = reader.deserialize("t", bytesOf("a"));

    AgentCard again = reader.deserialize("t", bytesOf("a"));

    assertSame(first, again);
    assertEquals(Checks.card("a"), again);
  }

  @Test
  void changedBytesAreDecodedAnew() {
    AgentCard before = reader.deserialize("t", bytesOf("a"));

    AgentCard after = reader.deserialize("t", serde.serializer().serialize("t",
        AgentCard.newBuilder(Checks.card("a")).setTimeoutMs(1_234L).build()));

    assertNotSame(before, after);
    assertEquals(1_234L, after.getTimeoutMs());
  }

  @Test
  void memoryPastItsBoundStartsAfreshAndStillAnswersRight() {
    reader.deserialize("t", bytesOf("a"));
    reader.deserialize("t", bytesOf("b"));

    AgentCard c = reader.deserialize("t", bytesOf("c"));

    assertEquals(Checks.card("c"), c);
    assertEquals(Checks.card("a"), reader.deserialize("t", bytesOf("a")));
  }

  @Test
  void tombstoneStaysNull() {
    assertNull(reader.deserialize("t", null));
  }
}
