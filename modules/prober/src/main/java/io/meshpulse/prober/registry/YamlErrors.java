package io.meshpulse.prober.registry;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import io.meshpulse.schema.config.ConfigException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The YAML parser's error as one line: where (line and column, from 1), then the problem and
 * what it was parsing. SnakeYAML's own message spans several lines with a caret drawing. A key
 * given twice in one mapping (Jackson's strict duplicate detection) is said as such, at the
 * duplicate key.
 */
final class YamlErrors {

  /** Jackson's message for a key seen twice in one object ({@code JsonReadContext}'s duplicate check). */
  private static final String DUPLICATE = "Duplicate field '";

  private YamlErrors() {}

  static ConfigException oneLine(JsonProcessingException e) {
    if (e instanceof StreamReadException read && read.getProcessor() != null
        && String.valueOf(e.getOriginalMessage()).startsWith(DUPLICATE)) {
      return duplicateKey(read.getProcessor());
    }
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      String context = marked.getContext() == null || marked.getContextMark() == null ? ""
          : " (" + squeeze(marked.getContext()) + " at " + at(marked.getContextMark()) + ")";
      return new ConfigException(at(marked.getProblemMark()),
          "not valid YAML: " + squeeze(marked.getProblem()) + context);
    }
    JsonLocation location = e.getLocation();
    String where = location == null ? "agents"
        : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    return new ConfigException(where, "not valid YAML: " + squeeze(e.getOriginalMessage().lines().findFirst().orElse("")));
  }

  private static ConfigException duplicateKey(JsonParser parser) {
    JsonLocation key = parser.currentTokenLocation();
    return new ConfigException("line " + key.getLineNr() + ", column " + key.getColumnNr(),
        "duplicate key '" + parser.getParsingContext().getCurrentName() + "'");
  }

  private static String at(Mark mark) {
    return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
  }

  private static String squeeze(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s+", " ");
  }
}
