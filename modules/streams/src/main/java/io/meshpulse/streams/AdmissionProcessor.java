package io.meshpulse.streams;

import io.meshpulse.schema.HealthCheckResult;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The first step after the checks source: forwards the checks {@link Admission} admits and throws
 * a {@link CheckRejectedException} for the others, which {@link DeadLetterProcessingHandler} sends
 * raw to the dead-letter topic (so the record's original bytes, not a re-encoding, are kept).
 *
 * <p><b>Stream time.</b> Lateness is judged against the highest timestamp among the checks this
 * task admitted — exactly the stream time the windowed aggregation after it observes — rather than
 * the task's stream time, which registry records (stamped when an agent registered) would push
 * ahead during a backlog. It is kept in the {@link StoreNames#ADMISSION_STREAM_TIME} store, so a
 * restart does not forget it and let late checks through.
 *
 * <p><b>Metrics.</b> Every rejection is counted in a Kafka Streams sensor, thread-level, group
 * {@value #METRIC_GROUP}, tag {@code meshpulse-id=checks-admission}: {@code late-checks-total} /
 * {@code -rate}, {@code future-timestamp-checks-total}, {@code invalid-key-checks-total},
 * {@code invalid-value-checks-total}. They appear in {@code KafkaStreams.metrics()} and so in
 * Micrometer through {@code KafkaStreamsMetrics}; no counter object needs to be passed in.
 */
final class AdmissionProcessor implements FixedKeyProcessor<String, HealthCheckResult, HealthCheckResult> {

  static final String METRIC_SCOPE = "meshpulse";
  static final String METRIC_GROUP = "stream-" + METRIC_SCOPE + "-metrics";
  static final String METRIC_ENTITY = "checks-admission";
  private static final String STREAM_TIME_KEY = "stream-time";

  private final Admission admission;
  private FixedKeyProcessorContext<String, HealthCheckResult> context;
  private KeyValueStore<String, Long> streamTimeStore;
  private long streamTime;
  private final Map<DeadLetterReason, Sensor> rejections = new EnumMap<>(DeadLetterReason.class);

  AdmissionProcessor(Admission admission) {
    this.admission = admission;
  }

  static FixedKeyProcessorSupplier<String, HealthCheckResult, HealthCheckResult> supplier(Admission admission) {
    return new FixedKeyProcessorSupplier<>() {
      @Override
      public FixedKeyProcessor<String, HealthCheckResult, HealthCheckResult> get() {
        return new AdmissionProcessor(admission);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(StoreNames.ADMISSION_STREAM_TIME), Serdes.String(), Serdes.Long())
            .withCachingEnabled()); // one changelog write per commit, not one per check
      }
    };
  }

  @Override
  public void init(FixedKeyProcessorContext<String, HealthCheckResult> context) {
    this.context = context;
    this.streamTimeStore = context.getStateStore(StoreNames.ADMISSION_STREAM_TIME);
    Long stored = streamTimeStore.get(STREAM_TIME_KEY);
    this.streamTime = stored == null ? -1L : stored;
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      if (reason != DeadLetterReason.UNDESERIALIZABLE && reason != DeadLetterReason.PROCESSING_ERROR) {
        rejections.put(reason, context.metrics().addRateTotalSensor(
            METRIC_SCOPE, METRIC_ENTITY, reason.code() + "-checks", Sensor.RecordingLevel.INFO));
      }
    }
  }

  @Override
  public void process(FixedKeyRecord<String, HealthCheckResult> record) {
    var rejection = admission.judge(record.key(), record.value(), record.timestamp(), context.currentSystemTimeMs(), streamTime);
    if (rejection.isPresent()) {
      rejections.get(rejection.get().reason()).record();
      throw new CheckRejectedException(rejection.get().reason(), rejection.get().detail());
    }
    if (record.timestamp() > streamTime) {
      streamTime = record.timestamp();
      streamTimeStore.put(STREAM_TIME_KEY, streamTime);
    }
    context.forward(record);
  }
}
