package io.meshpulse.streams;

/**
 * Names of the topology's state stores, shared with the query layer. The first four are
 * meant for interactive queries; the others are the topology's own bookkeeping. Keys are agent
 * names (UTF-8 strings) and values the Avro records named below; the key-value stores answer
 * {@code QueryableStoreTypes.keyValueStore()}, the windowed one {@code QueryableStoreTypes.windowStore()}.
 * Every store is partitioned like the checks topic: an agent's entries live on the instance that
 * owns its partition ({@code KafkaStreams.queryMetadataForKey}); the mesh summary lives on the one
 * instance that owns the partition of {@link #MESH_SUMMARY_KEY}.
 */
public final class StoreNames {

  /** Windowed store: agent name to {@code AgentWindowStats} per window (see {@link WindowedStats#stamp}). */
  public static final String AGENT_WINDOW_STATS = "agent-window-stats";

  /** Key-value store: agent name to {@code AgentStatus}, the effective status after thresholds. */
  public static final String AGENT_STATUS = "agent-status";

  /** Key-value store (timestamped): agent name to {@code AgentCard}, the registry as the topology sees it. */
  public static final String AGENT_CARDS = "agent-cards";

  /** Key-value store with the single key {@link #MESH_SUMMARY_KEY}: the {@code MeshHealthSummary}. */
  public static final String MESH_SUMMARY = "mesh-summary";

  /** The only key of {@link #MESH_SUMMARY}. */
  public static final String MESH_SUMMARY_KEY = "mesh";

  /** Key-value store (timestamped): agent name to its latest {@code HealthTransition}. */
  public static final String LATEST_TRANSITIONS = "agent-latest-transition";

  /** Key-value store: agent name to the transition count of a removed status, so its ids never repeat. */
  public static final String RETIRED_SEQUENCES = "agent-retired-sequences";

  /** Key-value store: the event time up to which the admission step has admitted checks. */
  public static final String ADMISSION_STREAM_TIME = "checks-admission-stream-time";

  private StoreNames() {}
}
