package io.meshpulse.app;

import io.meshpulse.schema.config.ConfigException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Config records name the key a bad value was read from; on the command line the user wrote an
 * option, so the error names the option instead (e.g. {@code --timeout: expected a duration ...}).
 */
final class OptionNames {

  private OptionNames() {}

  /** Builds a config; a {@link ConfigException} for one of {@code optionByKey}'s keys is renamed to its option. */
  static <T> T renamed(Map<String, String> optionByKey, Supplier<T> build) {
    try {
      return build.get();
    } catch (ConfigException e) {
      String option = optionByKey.get(e.field());
      if (option == null) {
        throw e;
      }
      throw new ConfigException(option, e.getMessage().substring(e.field().length() + 2));
    }
  }
}
