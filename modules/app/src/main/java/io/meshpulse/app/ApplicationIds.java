package io.meshpulse.app;

import io.meshpulse.schema.config.ConfigException;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.streams.TopologyDescription;

/**
 * The Kafka Streams application id as an option. Kafka Streams names its internal topics after it
 * ({@code <id>-<store>-changelog}, {@code <id>-<name>-repartition}), so it may hold only the
 * characters of a topic name, and must leave room for the longest internal topic of the topology
 * within Kafka's 249 characters; otherwise the stream threads die at start while the process
 * keeps running.
 */
final class ApplicationIds {

  /** The longest topic name Kafka accepts. */
  static final int MAX_TOPIC_NAME = 249;
  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");
  private static final String REPARTITION = "-repartition";

  private ApplicationIds() {}

  /**
   * {@code id}, when every internal topic of {@code topology} named after it is a legal topic name.
   *
   * @throws ConfigException naming {@code option} otherwise
   */
  static String requireValid(String option, String id, TopologyDescription topology) {
    if (id == null || !LEGAL.matcher(id).matches()) {
      throw new ConfigException(option, "'" + id + "' may hold only letters, digits, '.', '_' and '-'");
    }
    String longest = longestInternalTopicSuffix(topology);
    int max = MAX_TOPIC_NAME - longest.length();
    if (id.length() > max) {
      throw new ConfigException(option, "at most " + max + " characters, got " + id.length()
          + " (it names internal topics such as <id>" + longest + ", and a topic name has at most "
          + MAX_TOPIC_NAME + ")");
    }
    return id;
  }

  /**
   * What Kafka Streams appends to the application id for the longest internal topic name:
   * {@code -<store>-changelog} for every store (whether or not logged: a bound that holds),
   * {@code -<topic>} for every repartition topic.
   */
  static String longestInternalTopicSuffix(TopologyDescription topology) {
    Stream<TopologyDescription.Node> nodes = Stream.concat(
        topology.subtopologies().stream().flatMap(s -> s.nodes().stream()),
        topology.globalStores().stream().flatMap(g -> Stream.of(g.source(), g.processor())));
    return nodes.flatMap(ApplicationIds::internalTopicSuffixes)
        .max(Comparator.comparingInt(String::length))
        .orElse("");
  }

  private static Stream<String> internalTopicSuffixes(TopologyDescription.Node node) {
    if (node instanceof TopologyDescription.Processor processor) {
      return processor.stores().stream().map(store -> "-" + store + "-changelog");
    }
    Stream<String> topics = node instanceof TopologyDescription.Source source && source.topicSet() != null
        ? source.topicSet().stream()
        : node instanceof TopologyDescription.Sink sink && sink.topic() != null ? Stream.of(sink.topic()) : Stream.empty();
    return topics.filter(topic -> topic.endsWith(REPARTITION)).map(topic -> "-" + topic);
  }
}
