package io.meshpulse.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class HealthTopologyTest {

  @Test
  void topologyHasEveryStoreTheQueryLayerReads() {
    TopologyDescription description = HealthTopology.build(TopologyConfig.defaults()).describe();

    Set<String> stores = new TreeSet<>();
    description.subtopologies().forEach(s -> s.nodes().forEach(n -> {
      if (n instanceof TopologyDescription.Processor p) {
        stores.addAll(p.stores());
      }
    }));

    assertTrue(stores.containsAll(Set.of(StoreNames.AGENT_WINDOW_STATS, StoreNames.AGENT_STATUS, StoreNames.AGENT_CARDS,
        StoreNames.MESH_SUMMARY)), stores.toString());
  }

  @Test
  void agentsAndChecksAreReadInOneSubTopology() {
    TopologyDescription description = HealthTopology.build(TopologyConfig.defaults()).describe();

    long withBoth = description.subtopologies().stream()
        .filter(s -> s.nodes().stream().anyMatch(n -> n instanceof TopologyDescription.Source src
            && src.topicSet().contains("meshpulse.agents")))
        .filter(s -> s.nodes().stream().anyMatch(n -> n instanceof TopologyDescription.Source src
            && src.topicSet().contains("meshpulse.checks")))
        .count();

    assertEquals(1, withBoth);
  }
}
