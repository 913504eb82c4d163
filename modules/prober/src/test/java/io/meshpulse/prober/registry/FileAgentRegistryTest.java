package io.meshpulse.prober.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshpulse.schema.AgentCard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAgentRegistryTest {

  @TempDir
  Path dir;

  @Test
  void agentAddedToTheFileIsInTheNextList() throws IOException {
    // Given
    Path file = write("agents.yaml", "alpha");
    FileAgentRegistry registry = new FileAgentRegistry(file);

    // When
    write("agents.yaml", "alpha", "bravo");

    // Then
    assertEquals(List.of("alpha", "bravo"), names(registry.agents()));
  }

  @Test
  void agentRemovedFromTheFileIsNotInTheNextList() throws IOException {
    // Given
    Path file = write("agents.yaml", "alpha", "bravo");
    FileAgentRegistry registry = new FileAgentRegistry(file);

    // When
    write("agents.yaml", "bravo");

    // Then
    assertEquals(List.of("bravo"), names(registry.agents()));
  }

  /** File times have a coarse tick: an edit right after a read can carry the same time and the same size. */
  @Test
  void editWithTheSameTimeAndSizeIsNotMissed() throws IOException {
    // Given
    Path file = write("agents.yaml", "alpha");
    FileTime readVersion = Files.getLastModifiedTime(file);
    FileAgentRegistry registry = new FileAgentRegistry(file);

    // When
    write("agents.yaml", "omega");
    Files.setLastModifiedTime(file, readVersion);

    // Then
    assertEquals(List.of("omega"), names(registry.agents()));
  }

  @Test
  void brokenEditKeepsTheLastGoodAgentsUntilTheFileIsFixed() throws IOException {
    // Given
    Path file = write("agents.yaml", "alpha");
    FileAgentRegistry registry = new FileAgentRegistry(file);

    // When
    Files.writeString(file, "agents:\n  - name: [broken\n");
    List<AgentCard> whileBroken = registry.agents();
    write("agents.yaml", "alpha", "charlie");

    // Then
    assertEquals(List.of("alpha"), names(whileBroken));
    assertEquals(List.of("alpha", "charlie"), names(registry.agents()));
  }

  private Path write(String name, String... agents) throws IOException {
    StringBuilder yaml = new StringBuilder("agents:\n");
    Arrays.stream(agents).forEach(a -> yaml.append("  - name: ").append(a).append("\n    url: http://127.0.0.1:9/")
        .append(a).append('\n'));
    return Files.writeString(dir.resolve(name), yaml);
  }

  private static List<String> names(List<AgentCard> cards) {
    return cards.stream().map(AgentCard::getName).toList();
  }
}
