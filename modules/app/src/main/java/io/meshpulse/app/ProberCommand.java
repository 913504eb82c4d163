package io.meshpulse.app;

import io.meshpulse.prober.ProberConfig;
import io.meshpulse.prober.publish.KafkaResultPublisher;
import io.meshpulse.prober.registry.AgentRegistry;
import io.meshpulse.prober.registry.FileAgentRegistry;
import io.meshpulse.prober.registry.SyncedFileRegistry;
import io.meshpulse.prober.registry.TopicAgentRegistry;
import io.meshpulse.prober.round.RoundScheduler;
import io.meshpulse.schema.config.ConfigException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the prober against a Kafka cluster until stopped. */
@Command(name = "prober", mixinStandardHelpOptions = true,
    description = {"Checks the registered agents in rounds and publishes each result to the checks topic.",
        "Without --agents, agents come from the agents topic, shared with other probers of the same --group."})
final class ProberCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ProberCommand.class);
  private static final Duration REGISTRY_LOAD_TIMEOUT = Duration.ofSeconds(60);

  @Option(names = "--agents", description = "Check the agents of this file (and register them in the agents topic).")
  Path agentsFile;

  @Option(names = "--group", defaultValue = "meshpulse-prober",
      description = "Consumer group shared by prober instances (default ${DEFAULT-VALUE}).")
  String group;

  @Option(names = "--buffer", defaultValue = "100000",
      description = "Results held while Kafka is unreachable; past it the oldest are dropped (default ${DEFAULT-VALUE}).")
  int buffer;

  @Mixin
  KafkaOptions kafka;

  @Mixin
  ProberOptions prober;

  @Mixin
  RoundOptions rounds;

  @Override
  public Integer call() throws Exception {
    ProberConfig config = prober.config(rounds.over(Map.of()));
    if (buffer < 1) {
      throw new ConfigException("--buffer", "must be at least 1, got " + buffer);
    }
    kafka.ensureTopics();
    MeterRegistry meters = new SimpleMeterRegistry();
    try (Running running = new Running()) {
      running.run(r -> {
        AgentRegistry registry = r.add(registry());
        KafkaResultPublisher publisher = r.add(
            new KafkaResultPublisher(kafka.topics().checks(), kafka.clientProperties(), buffer, meters));
        if (registry instanceof TopicAgentRegistry topic && !topic.awaitLoaded(REGISTRY_LOAD_TIMEOUT)) {
          LOG.warn("agents not fully read from {} within {} s; starting rounds with what is known",
              kafka.topics().agents(), REGISTRY_LOAD_TIMEOUT.toSeconds());
        }
        r.add(new RoundScheduler(config, registry, publisher, meters, Clock.systemUTC())).start();
      });
    }
    return 0;
  }

  private AgentRegistry registry() {
    if (agentsFile != null) {
      return new SyncedFileRegistry(new FileAgentRegistry(agentsFile), kafka.topics().agents(), kafka.clientProperties());
    }
    Properties props = kafka.clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    return new TopicAgentRegistry(kafka.topics().agents(), props);
  }
}
