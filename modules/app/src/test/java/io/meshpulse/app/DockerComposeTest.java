package io.meshpulse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshpulse.prober.registry.AgentsFile;
import io.meshpulse.schema.AgentCard;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/** docker-compose.yml cannot run here (no Docker engine); this keeps its commands in step with the CLI. */
class DockerComposeTest {

  private static final Path COMPOSE = Path.of("../../docker-compose.yml");
  private static final List<String> SERVICES = List.of("register", "prober", "streams", "alerts");

  @Test
  void everyMeshpulseServiceRunsACommandTheCliAccepts() throws IOException {
    // Given
    JsonNode services = compose().path("services");

    for (String service : SERVICES) {
      // When
      List<String> args = strings(services.path(service).path("command"));
      ParseResult parsed = Meshpulse.commandLine().parseArgs(args.toArray(String[]::new));

      // Then
      assertEquals(service, parsed.subcommand().commandSpec().name(), service + ": " + args);
      assertTrue(parsed.subcommand().unmatched().isEmpty(), service + ": " + parsed.subcommand().unmatched());
      assertTrue(args.contains("kafka:9092"), service + " talks to the compose broker: " + args);
    }
  }

  @Test
  void theExampleAgentsAreAValidAgentsFile() throws IOException {
    // When
    List<AgentCard> agents = AgentsFile.parse(compose().path("configs").path("agents").path("content").asText(),
        "docker-compose.yml agents");

    // Then
    assertEquals(List.of("meshpulse-api", "example-missing"), agents.stream().map(AgentCard::getName).toList());
  }

  private static JsonNode compose() throws IOException {
    return new ObjectMapper(new YAMLFactory()).readTree(COMPOSE.toFile());
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
