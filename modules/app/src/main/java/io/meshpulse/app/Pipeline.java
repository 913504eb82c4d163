package io.meshpulse.app;

import io.meshpulse.alerts.AlertConsumer;
import io.meshpulse.alerts.AlertSink;
import io.meshpulse.prober.ProberConfig;
import io.meshpulse.prober.publish.KafkaResultPublisher;
import io.meshpulse.prober.registry.TopicAgentRegistry;
import io.meshpulse.prober.round.RoundScheduler;
import io.meshpulse.query.QueryServer;
import io.meshpulse.streams.TopologyConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every part of the pipeline in one process, on one Kafka cluster whose topics exist: the Streams
 * topology with the query API, the alert consumer, and a prober that takes its agents from the
 * agents topic. What {@code demo} runs on its embedded broker and the end-to-end test on the test
 * broker. Closes in reverse: prober, alerts, API and Streams.
 */
final class Pipeline implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
  private static final Duration REGISTRY_LOAD_TIMEOUT = Duration.ofSeconds(30);
  private static final int RESULT_BUFFER = 100_000;

  /**
   * @param name the Streams application id, and the prefix of the alert and prober consumer groups
   * @param stateDir where the state stores live, and the option that said so
   */
  record Settings(String name, KafkaOptions kafka, ProberConfig prober, TopologyConfig topology, String bindHost,
      int port, StateDir stateDir) {}

  private final Components components;
  private final QueryService query;

  private Pipeline(Components components, QueryService query) {
    this.components = components;
    this.query = query;
  }

  static Pipeline start(Settings settings, List<AlertSink> alertSinks, PrometheusMeterRegistry metrics)
      throws InterruptedException {
    return start(settings, QueryService.listen(settings.bindHost(), settings.port(), metrics), alertSinks, metrics);
  }

  /** As above, with the query API already listening on {@code api} (which the pipeline then owns). */
  static Pipeline start(Settings settings, QueryServer api, List<AlertSink> alertSinks,
      PrometheusMeterRegistry metrics) throws InterruptedException {
    Components components = new Components();
    try {
      KafkaOptions kafka = settings.kafka();
      QueryService query = components.add(QueryService.start(settings.name(), kafka, settings.topology(), api,
          new HostInfo("localhost", settings.port()), settings.stateDir(), metrics));
      components.add(new AlertConsumer(kafka.topics().transitions(), groupProps(kafka, settings.name() + "-alerts"),
          alertSinks));
      startProber(components, settings, metrics);
      return new Pipeline(components, query);
    } catch (RuntimeException | InterruptedException e) {
      components.close();
      throw e;
    }
  }

  private static void startProber(Components components, Settings settings, PrometheusMeterRegistry metrics)
      throws InterruptedException {
    KafkaOptions kafka = settings.kafka();
    TopicAgentRegistry registry = components.add(
        new TopicAgentRegistry(kafka.topics().agents(), groupProps(kafka, settings.name() + "-prober")));
    KafkaResultPublisher publisher = components.add(
        new KafkaResultPublisher(kafka.topics().checks(), kafka.clientProperties(), RESULT_BUFFER, metrics));
    if (!registry.awaitLoaded(REGISTRY_LOAD_TIMEOUT)) {
      LOG.warn("agents not fully read from {} within {} s; starting rounds with what is known",
          kafka.topics().agents(), REGISTRY_LOAD_TIMEOUT.toSeconds());
    }
    components.add(new RoundScheduler(settings.prober(), registry, publisher, metrics, Clock.systemUTC())).start();
  }

  private static Properties groupProps(KafkaOptions kafka, String group) {
    Properties props = kafka.clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    return props;
  }

  QueryService query() {
    return query;
  }

  /** The port the query API listens on. */
  int port() {
    return query.port();
  }

  @Override
  public void close() {
    components.close();
  }
}
