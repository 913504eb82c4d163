package io.meshpulse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshpulse.prober.registry.AgentCatalog;
import io.meshpulse.prober.registry.RegisteredAgents;
import io.meshpulse.testkit.KafkaCluster;
import io.meshpulse.testkit.MeshpulseKafka;
import io.meshpulse.testkit.TestNames;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code meshpulse deregister} against a real broker: what it says, what it does, its exit code. */
@MeshpulseKafka
class DeregisterCommandIT {

  private KafkaOptions kafka;

  /** Given agents billing and search registered. */
  @BeforeEach
  void register(KafkaCluster cluster, TestNames names) {
    kafka = KafkaOptions.local(cluster.bootstrapServers(), names.prefix(), 1);
    kafka.ensureTopics();
    try (AgentCatalog catalog = new AgentCatalog(kafka.topics().agents(), kafka.clientProperties())) {
      catalog.register(List.of(Checks.card("billing"), Checks.card("search")));
    }
  }

  @Test
  void registeredAgentIsDeregisteredInGoodEnglish() {
    // When
    Cli.Run run = deregister("--name", "billing");

    // Then
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("deregistered 1 agent from " + kafka.topics().agents(), run.out().strip());
    assertEquals("", run.err());
    assertEquals(Set.of("search"), registered());
  }

  @Test
  void agentThatIsNotRegisteredIsReportedWithExitCodeOne() {
    // When
    Cli.Run run = deregister("--name", "ghost", "--name", "search");

    // Then
    assertEquals(1, run.exitCode(), run::toString);
    assertEquals("deregistered 1 agent from " + kafka.topics().agents(), run.out().strip());
    assertEquals("agent ghost is not registered in " + kafka.topics().agents(), run.err().strip());
    assertEquals(Set.of("billing"), registered());
  }

  private Cli.Run deregister(String... names) {
    List<String> args = new java.util.ArrayList<>(List.of("deregister", "--bootstrap-servers",
        kafka.bootstrapServers, "--topic-prefix", kafka.topicPrefix));
    args.addAll(List.of(names));
    return Cli.run(args.toArray(String[]::new));
  }

  private Set<String> registered() {
    return RegisteredAgents.names(kafka.topics().agents(), kafka.clientProperties(), Duration.ofSeconds(10));
  }
}
