package io.meshpulse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

class ExpectedNoiseTest {

  private static final String NETWORK_CLIENT = "org.apache.kafka.clients.NetworkClient";
  private static final String METADATA = "[Consumer clientId=x] The metadata response from the cluster reported a"
      + " recoverable issue with correlation id {} : {}";

  private final ExpectedNoise filter = new ExpectedNoise();
  private final LoggerContext context = new LoggerContext();

  @Test
  void concurrentTransactionsRetryIsDropped() {
    assertEquals(FilterReply.DENY, decide("org.apache.kafka.clients.producer.internals.Sender", Level.WARN,
        "[Producer clientId=x] Got error produce response with correlation id {} on topic-partition {}, retrying ({}"
            + " attempts left). Error: {}", 14, "app-repartition-0", 2147483646, "CONCURRENT_TRANSACTIONS"));
  }

  @Test
  void otherProduceErrorsPass() {
    assertEquals(FilterReply.NEUTRAL, decide("org.apache.kafka.clients.producer.internals.Sender", Level.WARN,
        "Got error produce response with correlation id {} on topic-partition {}, retrying ({} attempts left). Error: {}",
        14, "meshpulse.checks-0", 3, "NOT_ENOUGH_REPLICAS"));
  }

  @Test
  void internalTopicsNotCreatedYetAreDropped() {
    assertEquals(FilterReply.DENY, decide(NETWORK_CLIENT, Level.WARN, METADATA, 2,
        "{app-mesh-membership-repartition=UNKNOWN_TOPIC_OR_PARTITION, app-status-changelog=LEADER_NOT_AVAILABLE}"));
  }

  @Test
  void aMissingUserTopicPassesEvenBesideInternalOnes() {
    assertEquals(FilterReply.NEUTRAL, decide(NETWORK_CLIENT, Level.WARN, METADATA, 2,
        "{app-mesh-membership-repartition=UNKNOWN_TOPIC_OR_PARTITION, meshpulse.checks=UNKNOWN_TOPIC_OR_PARTITION}"));
  }

  @Test
  void failedConnectsOfTheStartUpWaitForKafkaAreDropped() {
    assertEquals(FilterReply.DENY, decide(NETWORK_CLIENT, Level.WARN, "[AdminClient clientId=" + KafkaCheck.CLIENT_ID
        + "] Connection to node {} ({}) could not be established. Node may not be available.", -1, "/127.0.0.1:1"));
  }

  @Test
  void failedConnectsOfOtherClientsPass() {
    assertEquals(FilterReply.NEUTRAL, decide(NETWORK_CLIENT, Level.WARN, "[Producer clientId=producer-1] Connection to"
        + " node {} ({}) could not be established. Node may not be available.", -1, "/127.0.0.1:1"));
  }

  @Test
  void doubleCloseOfANetworkClientIsDropped() {
    assertEquals(FilterReply.DENY, decide(NETWORK_CLIENT, Level.WARN,
        "[NodeToControllerChannelManager id=1 name=registration] Attempting to close NetworkClient that has already"
            + " been closed."));
  }

  @Test
  void javalinsBindFailureIsDroppedForTheCommandReportsIt() {
    assertEquals(FilterReply.DENY, decide("io.javalin.Javalin", Level.ERROR, "Failed to start Javalin"));
    assertEquals(FilterReply.NEUTRAL, decide("io.javalin.Javalin", Level.ERROR, "Failed to stop Javalin"));
  }

  @Test
  void globalThreadHandlerAdviceIsDropped() {
    assertEquals(FilterReply.DENY, decide("org.apache.kafka.streams.StreamsConfig", Level.WARN,
        "Processing exception handler is not enabled for the GlobalThread. It's recommended to set"
            + " `processing.exception.handler.global.enabled` to true to enable it."));
  }

  @Test
  void tempStateDirectoryIsDroppedOnlyForTheDemosOwn() {
    String format = "Using an OS temp directory in the state.dir property can cause failures with writing the"
        + " checkpoint file due to the fact that this directory can be cleared by the OS. Resolved state.dir: [{}]";
    String logger = "org.apache.kafka.streams.processor.internals.StateDirectory";
    assertEquals(FilterReply.DENY, decide(logger, Level.WARN, format, "/tmp/" + DemoCommand.STATE_DIR_PREFIX + "123"));
    assertEquals(FilterReply.NEUTRAL, decide(logger, Level.WARN, format, "/tmp/kafka-streams"));
  }

  @Test
  void stateDirectoryLockFailureIsDroppedForTheCommandReportsIt() {
    String logger = "org.apache.kafka.streams.processor.internals.StateDirectory";
    assertEquals(FilterReply.DENY, decide(logger, Level.ERROR,
        "Unable to obtain lock as state directory is already locked by another process"));
    assertEquals(FilterReply.NEUTRAL, decide(logger, Level.ERROR, "Failed to write offset checkpoint file to {}",
        "/tmp/kafka-streams/app/0_1/.checkpoint"));
  }

  @Test
  void errorsAndOtherLoggersPass() {
    assertEquals(FilterReply.NEUTRAL, decide(NETWORK_CLIENT, Level.ERROR,
        "Attempting to close NetworkClient that has already been closed."));
    assertEquals(FilterReply.NEUTRAL, decide("io.meshpulse.prober.Whatever", Level.WARN,
        "Attempting to close NetworkClient that has already been closed."));
  }

  private FilterReply decide(String logger, Level level, String format, Object... params) {
    Logger log = context.getLogger(logger);
    return filter.decide(null, log, level, format, params, null);
  }
}
