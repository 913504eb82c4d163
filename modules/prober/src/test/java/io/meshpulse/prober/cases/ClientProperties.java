package io.meshpulse.prober.cases;

import io.meshpulse.testkit.KafkaCluster;
import java.util.Properties;

/** The test cluster's client settings as the Properties the prober's Kafka clients take. */
final class ClientProperties {

  private ClientProperties() {}

  static Properties of(KafkaCluster kafka) {
    Properties props = new Properties();
    props.putAll(kafka.clientConfig());
    return props;
  }
}
