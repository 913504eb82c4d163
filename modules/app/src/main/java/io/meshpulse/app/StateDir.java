package io.meshpulse.app;

import io.meshpulse.schema.config.ConfigException;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.StreamsException;

/**
 * Where Kafka Streams keeps the state stores, and the option that said so ({@code --state-dir},
 * the demo's {@code --data-dir}): a directory Kafka Streams cannot use is bad input, reported as
 * that option.
 *
 * @param option the option to name in an error
 * @param path the directory; null for Kafka Streams' default ({@code state.dir})
 */
record StateDir(String option, Path path) {

  /**
   * Kafka Streams' constructor failed with {@code e} while taking its state directory: one that
   * cannot be created (a {@link ProcessorStateException} as the cause), or one locked by another
   * running instance (a {@link StreamsException} of its own, the constructor's only one without a
   * cause), as one line naming the option; anything else (e.g. a {@code TopologyException}, a bug)
   * as it is.
   *
   * @param streamsConfig the configuration Kafka Streams was given, for the directory it used
   */
  RuntimeException explain(StreamsException e, Properties streamsConfig) {
    if (e.getCause() instanceof ProcessorStateException unusable) {
      return new ConfigException(option, unusable.getMessage());
    }
    if (e.getClass() == StreamsException.class && e.getCause() == null) {
      String applicationId = streamsConfig.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
      return new ConfigException(option, applicationDir(streamsConfig) + " is locked by another running instance of "
          + applicationId + "; stop it, or give this one its own " + option);
    }
    return e;
  }

  /** The directory Kafka Streams locks: the application id's under {@code state.dir}. */
  private static Path applicationDir(Properties streamsConfig) {
    String base = streamsConfig.getProperty(StreamsConfig.STATE_DIR_CONFIG,
        (String) StreamsConfig.configDef().defaultValues().get(StreamsConfig.STATE_DIR_CONFIG));
    return Path.of(base, streamsConfig.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
  }
}
