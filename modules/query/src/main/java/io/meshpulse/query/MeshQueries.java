package io.meshpulse.query;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshpulse.schema.HealthCounts;
import io.meshpulse.schema.MeshHealthSummary;
import io.meshpulse.streams.StoreNames;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Answers the API's questions from the state stores of every instance: a question about one key
 * goes to the instance that owns it; a question about all agents is asked of every instance and
 * the parts merged. While Kafka Streams is not RUNNING (rebalancing, restoring), or has not yet
 * caught up with its topics, the answer is unavailable rather than wrong.
 */
public final class MeshQueries {

  private static final TypeReference<List<AgentView>> AGENT_LIST = new TypeReference<>() {};
  private static final TypeReference<AgentDetailView> AGENT_DETAIL = new TypeReference<>() {};

  private final LocalStreams streams;
  private final LocalStores local;
  private final RemoteInstances remote;
  private final HostInfo self;
  private final Supplier<String> notReadyBecause;

  /**
   * @param self this instance's query address as given to Streams ({@code application.server}),
   *     or {@link HostInfo#unavailable()} for a single instance
   */
  public MeshQueries(KafkaStreams streams, QueryTiming timing, HostInfo self, ObjectMapper json) {
    this(streams, timing, self, json, () -> null);
  }

  /**
   * @param notReadyBecause why the stores cannot answer yet although Streams is RUNNING (still
   *     catching up with its topics, say), or null once they can
   */
  public MeshQueries(KafkaStreams streams, QueryTiming timing, HostInfo self, ObjectMapper json,
      Supplier<String> notReadyBecause) {
    this(LocalStreams.of(streams), timing, self, json, notReadyBecause);
  }

  MeshQueries(LocalStreams streams, QueryTiming timing, HostInfo self, ObjectMapper json,
      Supplier<String> notReadyBecause) {
    this.streams = streams;
    this.notReadyBecause = notReadyBecause;
    this.local = new LocalStores(streams, timing.windowSize(), timing.windowRetention(), timing.clock());
    this.remote = new RemoteInstances(json);
    this.self = self;
  }

  /**
   * The registered agents and their counts, counted over the very agents listed: the mesh summary
   * store is fed through a repartition topic and trails the status store by up to a commit
   * interval around a registration, so its counts could contradict the list beside them.
   */
  public MeshHealthView meshHealth() {
    return whileRunning(() -> MeshHealthView.of(allAgents(AgentView::registered, "registered=true")));
  }

  public List<AgentView> agents() {
    return whileRunning(() -> allAgents(a -> true, ""));
  }

  /** The agent's detail, or null when no instance knows it. */
  public AgentDetailView agent(String name) {
    return whileRunning(() -> {
      HostInfo owner = owner(StoreNames.AGENT_STATUS, name);
      return isSelf(owner) ? local.agent(name) : remote.get(owner, "/internal/agents/" + encode(name), AGENT_DETAIL);
    });
  }

  public RouteAnswer route(String capability) {
    return whileRunning(() -> RouteRanker.route(capability,
        allAgents(a -> a.registered() && a.capabilities().contains(capability),
            "registered=true&capability=" + encode(capability))));
  }

  /** This instance's part of an all-agents question (the internal endpoint). */
  public List<AgentView> localAgents(boolean registeredOnly, String capability) {
    return whileRunning(() -> local.agents(filter(registeredOnly, capability)));
  }

  public AgentDetailView localAgent(String name) {
    return whileRunning(() -> local.agent(name));
  }

  /**
   * This instance's mesh summary, as counts only (the internal endpoint, for callers that need no
   * agent list, and instances of earlier versions); null if not owned here.
   */
  public MeshHealthView localSummaryCounts() {
    return whileRunning(() -> {
      MeshHealthSummary summary = local.summary();
      return summary == null ? null : toCounts(summary);
    });
  }

  private static MeshHealthView toCounts(MeshHealthSummary summary) {
    Map<String, CountsView> byCapability = new TreeMap<>();
    summary.getByCapability().forEach((capability, counts) -> byCapability.put(capability, CountsView.of(counts)));
    HealthCounts overall = summary.getOverall();
    return MeshHealthView.of(CountsView.of(overall), byCapability, List.of());
  }

  private List<AgentView> allAgents(Predicate<AgentView> filter, String remoteQuery) {
    List<AgentView> all = new ArrayList<>();
    Collection<StreamsMetadata> instances = streams.instances();
    for (StreamsMetadata instance : instances) {
      if (isSelf(instance.hostInfo())) {
        all.addAll(local.agents(filter));
      } else {
        all.addAll(remote.get(instance.hostInfo(), "/internal/agents?" + remoteQuery, AGENT_LIST));
      }
    }
    if (instances.isEmpty()) {
      all.addAll(local.agents(filter));
    }
    all.sort(Comparator.comparing(AgentView::name));
    return all;
  }

  private static Predicate<AgentView> filter(boolean registeredOnly, String capability) {
    return a -> (!registeredOnly || a.registered()) && (capability == null || a.capabilities().contains(capability));
  }

  private HostInfo owner(String store, String key) {
    KeyQueryMetadata metadata = streams.owner(store, key);
    return metadata == null || metadata == KeyQueryMetadata.NOT_AVAILABLE ? self : metadata.activeHost();
  }

  private boolean isSelf(HostInfo host) {
    return host == null || host.equals(self) || host.equals(HostInfo.unavailable());
  }

  private <T> T whileRunning(Supplier<T> query) {
    KafkaStreams.State state = streams.state();
    if (state != KafkaStreams.State.RUNNING) {
      throw new StoresUnavailableException("Kafka Streams is " + state + "; try again shortly");
    }
    String notReady = notReadyBecause.get();
    if (notReady != null) {
      throw new StoresUnavailableException(notReady);
    }
    try {
      return query.get();
    } catch (InvalidStateStoreException e) {
      throw new StoresUnavailableException("state stores are moving between instances: " + e.getMessage(), e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
