package io.meshpulse.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoMixTest {

  @Test
  void twentyAgentsAreMostlyHealthyWithOneOfEachTrouble() {
    // When
    List<AgentSpec> specs = DemoMix.specs(20);

    // Then
    Map<String, Long> kinds = specs.stream()
        .collect(Collectors.groupingBy(s -> s.behaviour().getClass().getSimpleName(), Collectors.counting()));
    assertEquals(Map.of("Healthy", 16L, "Flaky", 1L, "Down", 1L, "Hung", 1L, "Degraded", 1L), kinds);
    long slow = specs.stream()
        .filter(s -> s.behaviour() instanceof Behaviour.Healthy h && h.latency().compareTo(Duration.ofSeconds(1)) > 0)
        .count();
    assertEquals(2, slow, "two of the healthy ones are slow");
    assertEquals(20, specs.stream().map(AgentSpec::name).distinct().count());
    assertTrue(specs.stream().flatMap(s -> s.capabilities().stream()).allMatch(DemoMix.CAPABILITIES::contains));
  }

  @Test
  void sameSizeGivesTheSameFleet() {
    assertEquals(DemoMix.specs(12), DemoMix.specs(12));
  }

  @Test
  void smallFleetStaysMostlyHealthy() {
    // When
    Map<Boolean, Long> healthy = DemoMix.specs(4).stream()
        .collect(Collectors.partitioningBy(s -> s.behaviour() instanceof Behaviour.Healthy, Collectors.counting()));

    // Then
    assertEquals(3L, healthy.get(true));
    assertEquals(1L, healthy.get(false));
  }
}
