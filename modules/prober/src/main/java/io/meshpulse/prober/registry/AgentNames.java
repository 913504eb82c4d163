package io.meshpulse.prober.registry;

import io.meshpulse.schema.config.ConfigException;
import java.util.regex.Pattern;

/** The rule for agent names, the key everywhere (topics, stores, API): letters, digits, '.', '_' and '-'. */
public final class AgentNames {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");

  private AgentNames() {}

  /** {@code name}, when it follows the rule; else a {@link ConfigException} naming {@code field}. */
  public static String requireValid(String field, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new ConfigException(field, "'" + name + "' may hold only letters, digits, '.', '_' and '-' (1 to 200)");
    }
    return name;
  }
}
