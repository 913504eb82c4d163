package io.meshpulse.prober.round;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import io.meshpulse.prober.ProbeTarget;
import io.meshpulse.prober.ProberConfig;
import io.meshpulse.schema.AgentCard;
import io.meshpulse.testkit.LogCapture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetsTest {

  private final Targets targets = new Targets(ProberConfig.fromMap(Map.of("prober-id", "test")));

  @Test
  void cardThatCannotBeCheckedIsLeftOutAndLoggedOnce() {
    // Given
    List<AgentCard> cards = List.of(card("good", "http://127.0.0.1:9/health"), card("bad", "ftp://127.0.0.1/"));
    try (LogCapture log = new LogCapture(Targets.class)) {
      // When
      List<ProbeTarget> first = targets.of(cards);
      List<ProbeTarget> second = targets.of(cards);

      // Then
      assertEquals(List.of("good"), first.stream().map(ProbeTarget::name).toList());
      assertEquals(List.of("good"), second.stream().map(ProbeTarget::name).toList());
      assertEquals(1, log.events().stream().filter(e -> e.getLevel() == Level.WARN).count());
    }
  }

  @Test
  void changedCardIsCheckedAsItNowIs() {
    // Given
    targets.of(List.of(card("agent", "http://127.0.0.1:9/health")));

    // When
    List<ProbeTarget> changed = targets.of(List.of(card("agent", "http://127.0.0.2:9/health")));

    // Then
    assertEquals("http://127.0.0.2:9/health", changed.get(0).uri().toString());
  }

  private static AgentCard card(String name, String url) {
    return AgentCard.newBuilder().setName(name).setUrl(url).build();
  }
}
