package io.meshpulse.streams;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.AgentWindowStats;
import io.meshpulse.schema.HealthCheckResult;
import io.meshpulse.schema.HealthTransition;
import io.meshpulse.schema.MeshHealthSummary;
import io.meshpulse.schema.Topics;
import io.meshpulse.schema.serde.MeshSerdes;
import java.time.InstantSource;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.EmitStrategy;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.UsePartitionTimeOnInvalidTimestamp;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The health topology, as a pure function of its configuration: no I/O, no lifecycle.
 *
 * <pre>
 * checks ─▶ admission ─┬─▶ window stats (windowed store) ─▶ closed windows ─▶ stats
 *   (rejects → DLQ)    └─▶ status (status store) ─┬─▶ transitions
 * agents ─▶ cards (store) ─▶ deregistration ──────┘        │
 *             └──────── LEFT JOIN latest transition ◀──────┘ ─▶ membership ─▶ mesh summary (store)
 * </pre>
 *
 * <p>The agents and checks topics have the same partition count, so an agent's card and its checks
 * are in one task: the status processor reads the card store directly. Every source, sink, store,
 * repartition topic and stateful operator is named; building refuses auto-generated internal names
 * ({@value StreamsConfig#ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG}), so renaming one is a
 * visible change. Every Consumed/Grouped/Materialized/Produced has explicit serdes.
 */
public final class HealthTopology {

  /** Cards kept decoded (a few hundred bytes each): more than one instance's share of a large fleet. */
  private static final int MAX_MEMOIZED_CARDS = 100_000;

  private HealthTopology() {}

  /** The topology, with the system clock for the timestamp extractor's future-skew check. */
  public static Topology build(TopologyConfig config) {
    return build(config, InstantSource.system());
  }

  /** The topology; {@code clock} is the wall clock the timestamp extractor clamps future checks against. */
  public static Topology build(TopologyConfig config, InstantSource clock) {
    Serde<String> keys = Serdes.String();
    Serde<AgentCard> cardSerde = new MemoizedSerde<>(MeshSerdes.agentCard(), MAX_MEMOIZED_CARDS);
    Topics topics = config.topics();
    StreamsBuilder builder = new StreamsBuilder(new org.apache.kafka.streams.TopologyConfig(quiet(buildRules())));

    KTable<String, AgentCard> cards = builder.table(topics.agents(),
        Consumed.with(keys, cardSerde)
            .withTimestampExtractor(new UsePartitionTimeOnInvalidTimestamp())
            .withName("agents-source"),
        Materialized.<String, AgentCard, KeyValueStore<Bytes, byte[]>>as(StoreNames.AGENT_CARDS)
            .withKeySerde(keys).withValueSerde(cardSerde));

    KStream<String, HealthCheckResult> admitted = builder
        .stream(topics.checks(), Consumed.with(keys, MeshSerdes.checkResult())
            .withTimestampExtractor(new CheckTimestampExtractor(config.maxFutureSkew(), clock))
            .withName("checks-source"))
        .processValues(AdmissionProcessor.supplier(Admission.of(config)), Named.as("checks-admission"));

    windowStatistics(admitted, config);
    KStream<String, HealthTransition> transitions = statusTransitions(builder, admitted, cards, config);
    transitions.to(topics.transitions(), Produced.with(keys, MeshSerdes.transition()).withName("transitions-sink"));
    meshSummary(cards, transitions);
    return builder.build(buildRules());
  }

  private static void windowStatistics(KStream<String, HealthCheckResult> admitted, TopologyConfig config) {
    Serde<String> keys = Serdes.String();
    WindowAggregator aggregator = new WindowAggregator(config.sketchRelativeAccuracy());
    admitted
        .groupByKey(Grouped.with("checks-by-agent", keys, MeshSerdes.checkResult()))
        .windowedBy(TimeWindows.ofSizeAndGrace(config.windowSize(), config.windowGrace()).advanceBy(config.windowAdvance()))
        .emitStrategy(EmitStrategy.onWindowClose())
        .aggregate(aggregator::initial, aggregator, Named.as("agent-window-aggregate"),
            Materialized.<String, AgentWindowStats>as(IndexedWindowStoreSupplier.of(StoreNames.AGENT_WINDOW_STATS, config))
                .withKeySerde(keys).withValueSerde(MeshSerdes.windowStats()))
        .toStream(Named.as("closed-windows"))
        .map((window, stats) -> KeyValue.pair(window.key(), WindowedStats.stamp(window, stats)), Named.as("stamp-window"))
        .to(config.topics().stats(), Produced.with(keys, MeshSerdes.windowStats()).withName("stats-sink"));
  }

  private static KStream<String, HealthTransition> statusTransitions(StreamsBuilder builder,
      KStream<String, HealthCheckResult> admitted, KTable<String, AgentCard> cards, TopologyConfig config) {
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(StoreNames.AGENT_STATUS), Serdes.String(), MeshSerdes.agentStatus())
        .withCachingEnabled());
    builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
        Stores.persistentTimestampedKeyValueStore(StoreNames.RETIRED_SEQUENCES), Serdes.String(), Serdes.Long())
        .withCachingEnabled());
    ProcessorSupplier<String, HealthCheckResult, String, HealthTransition> status = () -> new StatusProcessor(config);
    KStream<String, HealthTransition> fromChecks = admitted.process(status, Named.as("agent-status-processor"),
        StoreNames.AGENT_STATUS, StoreNames.RETIRED_SEQUENCES, StoreNames.AGENT_CARDS);
    KStream<String, HealthTransition> fromRegistry = cards
        .toStream(Named.as("agent-card-changes"))
        .process(RegistrationProcessor::new, Named.as("agent-registration-processor"),
            StoreNames.AGENT_STATUS, StoreNames.RETIRED_SEQUENCES, StoreNames.AGENT_CARDS);
    return fromChecks.merge(fromRegistry, Named.as("all-transitions"));
  }

  private static void meshSummary(KTable<String, AgentCard> cards, KStream<String, HealthTransition> transitions) {
    Serde<String> keys = Serdes.String();
    KTable<String, HealthTransition> latest = transitions.toTable(Named.as("latest-transition"),
        Materialized.<String, HealthTransition, KeyValueStore<Bytes, byte[]>>as(StoreNames.LATEST_TRANSITIONS)
            .withKeySerde(keys).withValueSerde(MeshSerdes.transition()));
    cards
        .leftJoin(latest, MeshSummaryAggregator::membership, Named.as("agent-membership"))
        .groupBy((agent, membership) -> KeyValue.pair(StoreNames.MESH_SUMMARY_KEY, membership),
            Grouped.with("mesh-membership", keys, MeshSerdes.membership()))
        .aggregate(MeshSummaryAggregator::empty,
            (key, membership, summary) -> MeshSummaryAggregator.add(summary, membership),
            (key, membership, summary) -> MeshSummaryAggregator.subtract(summary, membership),
            Named.as("mesh-summary-aggregate"),
            Materialized.<String, MeshHealthSummary, KeyValueStore<Bytes, byte[]>>as(StoreNames.MESH_SUMMARY)
                .withKeySerde(keys).withValueSerde(MeshSerdes.meshSummary()));
  }

  /**
   * What shapes the topology when it is built: source-topic reuse for the cards table (the agents
   * topic is compacted, so it serves as the store's changelog) and explicit names for every
   * internal resource. Kafka Streams wants an application id and bootstrap servers in any
   * StreamsConfig; building uses neither, so placeholders stand in.
   */
  static Properties buildRules() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "meshpulse-topology");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    p.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
    p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    return p;
  }

  private static StreamsConfig quiet(Properties p) {
    return new QuietStreamsConfig(p);
  }

  /** A StreamsConfig that does not log its values (building the topology is not starting an app). */
  private static final class QuietStreamsConfig extends StreamsConfig {
    QuietStreamsConfig(Map<?, ?> props) {
      super(props, false);
    }
  }
}
