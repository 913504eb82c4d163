package io.meshpulse.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * Drops the few Kafka WARN lines that every healthy start and stop prints, and the library lines
 * that repeat what meshpulse reports itself in one line, so that a WARN or ERROR in meshpulse's
 * log means something. Each rule matches one message of one level precisely; anything else
 * passes, including the same loggers' other messages. Configured in {@code logback.xml}.
 */
public final class ExpectedNoise extends TurboFilter {

  private static final Pattern METADATA_ERRORS = Pattern.compile("\\{([^{}]*)}\\s*$");
  private static final Pattern INTERNAL_TOPIC_NOT_READY =
      Pattern.compile("\\S+-(repartition|changelog)=(UNKNOWN_TOPIC_OR_PARTITION|LEADER_NOT_AVAILABLE)");

  private record Rule(String logger, Level level, Predicate<String> matches) {

    Rule(String logger, Predicate<String> matches) {
      this(logger, Level.WARN, matches);
    }
  }

  private static final List<Rule> RULES = List.of(
      // exactly-once: a transaction's first send to a partition races the previous commit; the producer retries
      new Rule("org.apache.kafka.clients.producer.internals.Sender",
          m -> m.endsWith("Error: CONCURRENT_TRANSACTIONS")),
      // meshpulse enables the flag; Kafka Streams' partition assignor checks a copy of the config without it
      new Rule("org.apache.kafka.streams.StreamsConfig",
          m -> m.startsWith("Processing exception handler is not enabled for the GlobalThread")),
      // Kafka Streams creates its internal topics during the first rebalance; the consumer asks before they exist
      new Rule("org.apache.kafka.clients.NetworkClient", ExpectedNoise::onlyInternalTopicsNotReady),
      // the start-up wait for Kafka: one per failed connect; the command reports the outcome once (KafkaCheck)
      new Rule("org.apache.kafka.clients.NetworkClient",
          m -> m.startsWith("[AdminClient clientId=" + KafkaCheck.CLIENT_ID + "]") && m.contains("could not be established")),
      // the embedded broker: two clients ask for the group coordinator at once, the second finds the topic made
      new Rule("kafka.server.DefaultAutoTopicCreationManager",
          m -> m.startsWith("Auto topic creation failed for __") && m.contains("'TOPIC_ALREADY_EXISTS'")),
      // the broker's controller channel is closed twice on shutdown
      new Rule("org.apache.kafka.clients.NetworkClient",
          m -> m.endsWith("Attempting to close NetworkClient that has already been closed.")),
      // the demo keeps its disposable state in a temporary directory on purpose
      new Rule("org.apache.kafka.streams.processor.internals.StateDirectory",
          m -> m.startsWith("Using an OS temp directory") && m.contains(DemoCommand.STATE_DIR_PREFIX)),
      // the query API cannot bind its port: the exception reaches the command, which names the option (Ports)
      new Rule("io.javalin.Javalin", Level.ERROR, m -> m.equals("Failed to start Javalin")),
      // another instance holds the state directory: the exception reaches the command, which names the option (StateDir)
      new Rule("org.apache.kafka.streams.processor.internals.StateDirectory", Level.ERROR,
          m -> m.equals("Unable to obtain lock as state directory is already locked by another process")));

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (format == null || t != null) {
      return FilterReply.NEUTRAL;
    }
    String message = null;
    for (Rule rule : RULES) {
      if (rule.level() == level && rule.logger().equals(logger.getName())) {
        message = message != null ? message : MessageFormatter.basicArrayFormat(format, params);
        if (rule.matches().test(message)) {
          return FilterReply.DENY;
        }
      }
    }
    return FilterReply.NEUTRAL;
  }

  /** "... reported a recoverable issue with correlation id 2 : {a-repartition=UNKNOWN_TOPIC_OR_PARTITION, ...}" */
  private static boolean onlyInternalTopicsNotReady(String message) {
    if (!message.contains("reported a recoverable issue")) {
      return false;
    }
    Matcher errors = METADATA_ERRORS.matcher(message);
    if (!errors.find() || errors.group(1).isBlank()) {
      return false;
    }
    for (String entry : errors.group(1).split(",\\s*")) {
      if (!INTERNAL_TOPIC_NOT_READY.matcher(entry.trim()).matches()) {
        return false;
      }
    }
    return true;
  }
}
