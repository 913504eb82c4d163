package io.meshpulse.app;

import io.meshpulse.alerts.AlertConsumer;
import io.meshpulse.alerts.LogAlertSink;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the alerting consumer until stopped: one JSON line per health transition. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
    description = "Reads health transitions and writes one JSON line per transition to standard output.")
final class AlertsCommand implements Callable<Integer> {

  @Option(names = "--group", defaultValue = "meshpulse-alerts",
      description = "Consumer group of the alert consumers (default ${DEFAULT-VALUE}).")
  String group;

  @Mixin
  KafkaOptions kafka;

  @Override
  public Integer call() throws Exception {
    kafka.ensureTopics();
    Properties props = kafka.clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    try (Running running = new Running()) {
      running.run(r -> r.add(new AlertConsumer(kafka.topics().transitions(), props, List.of(new LogAlertSink()))));
    }
    return 0;
  }
}
