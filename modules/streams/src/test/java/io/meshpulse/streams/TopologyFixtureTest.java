package io.meshpulse.streams;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.schema.AgentHealth;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The fixture cleans up after itself: {@code mvn verify} leaves no state directories in /tmp. */
class TopologyFixtureTest {

  @Test
  void closingTheFixtureDeletesItsStateDirectory() {
    // Given: a fixture whose stores hold data
    TopologyFixture f = new TopologyFixture();
    f.register("alpha", "search");
    f.check("alpha", AgentHealth.HEALTHY, TopologyFixture.T0);
    Path stateDir = f.stateDir();
    assertTrue(Files.isDirectory(stateDir), stateDir::toString);

    // When
    f.close();

    // Then
    assertFalse(Files.exists(stateDir), stateDir::toString);
  }
}
