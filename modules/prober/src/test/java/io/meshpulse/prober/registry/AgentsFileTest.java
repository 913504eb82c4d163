package io.meshpulse.prober.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentsFileTest {

  @Test
  void readsTheDocumentedFormat() {
    List<AgentCard> cards = AgentsFile.parse("""
        agents:
          - name: billing-agent
            url: http://10.0.0.7:8080/health
            capabilities: [invoices, refunds]
            timeout: 2s
            labels: {team: payments}
          - name: search
            url: https://search.internal/healthz
            expected-status: 204
            unhealthy-after: 5
        """, "agents.yaml");

    assertEquals(2, cards.size());
    AgentCard billing = cards.get(0);
    assertEquals("billing-agent", billing.getName());
    assertEquals(List.of("invoices", "refunds"), billing.getCapabilities());
    assertEquals(2000L, billing.getTimeoutMs());
    assertEquals(Map.of("team", "payments"), billing.getLabels());
    assertEquals(List.of(204), cards.get(1).getExpectedStatus());
    assertEquals(5, cards.get(1).getUnhealthyAfter());
  }

  @Test
  void emptyListIsAnEmptyFleet() {
    assertEquals(List.of(), AgentsFile.parse("agents: []\n", "agents.yaml"));
  }

  @Test
  void badUrlNamesFileAndField() {
    ConfigException e = assertThrows(ConfigException.class, () -> AgentsFile.parse("""
        agents:
          - name: a
            url: http://ok/health
          - name: b
            url: ftp://nope/health
        """, "agents.yaml"));

    assertEquals("agents.yaml: agents[1].url", e.field());
    assertTrue(e.getMessage().contains("http:// or https://"), e.getMessage());
  }

  @Test
  void badDurationNamesTheField() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> AgentsFile.parse("agents:\n  - {name: a, url: 'http://x/h', timeout: soon}\n", "f.yaml"));

    assertEquals("f.yaml: agents[0].timeout", e.field());
  }

  @Test
  void misspelledFieldIsRejected() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> AgentsFile.parse("agents:\n  - {name: a, url: 'http://x/h', timout: 2s}\n", "f.yaml"));

    assertEquals("f.yaml: agents[0].timout", e.field());
  }

  @Test
  void duplicateNamesAreRejected() {
    ConfigException e = assertThrows(ConfigException.class, () -> AgentsFile.parse(
        "agents:\n  - {name: a, url: 'http://x/h'}\n  - {name: a, url: 'http://y/h'}\n", "f.yaml"));

    assertEquals("f.yaml: agents[1].name", e.field());
  }

  @Test
  void duplicateKeyInAnEntryIsOneLineNamingFileLineAndKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> AgentsFile.parse("""
        agents:
          - name: a
            url: http://x/h
            url: http://y/h
        """, "f.yaml"));

    assertEquals("f.yaml: line 4, column 5: duplicate key 'url'", e.getMessage());
  }

  @Test
  void duplicateKeyInAFlowMappingIsRejected() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> AgentsFile.parse("agents:\n  - {name: a, url: 'http://x/h', name: b}\n", "f.yaml"));

    assertEquals("f.yaml: line 2, column 34: duplicate key 'name'", e.getMessage());
  }

  @Test
  void duplicateTopLevelKeyIsRejected() {
    ConfigException e = assertThrows(ConfigException.class, () -> AgentsFile.parse("""
        agents:
          - {name: a, url: 'http://x/h'}
        agents: []
        """, "f.yaml"));

    assertEquals("f.yaml: line 3, column 1: duplicate key 'agents'", e.getMessage());
  }

  @Test
  void duplicateLabelIsRejected() {
    ConfigException e = assertThrows(ConfigException.class, () -> AgentsFile.parse("""
        agents:
          - name: a
            url: http://x/h
            labels:
              team: payments
              team: billing
        """, "f.yaml"));

    assertEquals("f.yaml: line 6, column 7: duplicate key 'team'", e.getMessage());
  }

  @Test
  void missingUrlIsRequired() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> AgentsFile.parse("agents:\n  - name: a\n", "f.yaml"));

    assertEquals("f.yaml: agents[0].url", e.field());
  }

  @Test
  void brokenYamlIsOneLineNamingFileLineColumnAndProblem() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> AgentsFile.parse("agents:\n  - name: [a\n", "f.yaml"));

    assertEquals("f.yaml: line 3, column 1: not valid YAML: expected ',' or ']', but got <stream end>"
        + " (while parsing a flow sequence at line 2, column 11)", e.getMessage());
  }

  @Test
  void tabIndentedYamlNamesTheLineAndColumn() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> AgentsFile.parse("agents:\n\t- name: a\n", "f.yaml"));

    assertTrue(e.getMessage().startsWith("f.yaml: line 2, column 1: not valid YAML: "), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  @Test
  void missingFileSaysSo(@TempDir Path dir) {
    Path missing = dir.resolve("agents.yaml");

    ConfigException e = assertThrows(ConfigException.class, () -> AgentsFile.read(missing));

    assertEquals(missing + ": no such file", e.getMessage());
  }

  @Test
  void binaryFileIsNotUtf8Text(@TempDir Path dir) throws IOException {
    Path binary = Files.write(dir.resolve("agents.yaml"), new byte[] {0x7f, 'E', 'L', 'F', (byte) 0xff, (byte) 0xfe, 0});

    ConfigException e = assertThrows(ConfigException.class, () -> AgentsFile.read(binary));

    assertEquals(binary + ": not UTF-8 text (a binary file?)", e.getMessage());
  }

  /** An entry the file must reject at load, with the message naming file, entry and field. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      url: 'http://127.0.0.1:99999/'              | f.yaml: agents[0].url: port 99999 is out of range (1-65535)
      url: 'http://x/h', timeout: 0s              | f.yaml: agents[0].timeout: must be a positive duration, got 0s
      url: 'http://x/h', timeout: 9999999999999h  | f.yaml: agents[0].timeout: must be at most 10m, got 9999999999999h
      url: 'http://x/h', interval: 25h            | f.yaml: agents[0].interval: must be at most 24h, got 25h
      url: 'http://x/h', degraded-after: 11m      | f.yaml: agents[0].degraded-after: must be at most 10m, got 11m
      url: 'ftp://svc:s3cret@host/h'              | f.yaml: agents[0].url: must be an absolute http:// or https:// URL, got 'ftp://***@host/h'
      """)
  void badEntryIsRejectedAtLoadNamingFileAndField(String fields, String message) {
    ConfigException e = assertThrows(ConfigException.class,
        () -> AgentsFile.parse("agents:\n  - {name: a, " + fields + "}\n", "f.yaml"));

    assertEquals(message, e.getMessage());
  }

  @Test
  void credentialsInTheUrlAreKeptForTheProber() {
    List<AgentCard> cards = AgentsFile.parse("agents:\n  - {name: a, url: 'https://svc:s3cret@host/h'}\n", "f.yaml");

    assertEquals("https://svc:s3cret@host/h", cards.get(0).getUrl());
  }
}
