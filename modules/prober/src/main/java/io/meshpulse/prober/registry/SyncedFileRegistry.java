package io.meshpulse.prober.registry;

import io.meshpulse.prober.DaemonThreads;
import io.meshpulse.schema.AgentCard;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file registry whose agents are also registered in the agents topic, so the topology knows
 * their capabilities and per-agent thresholds: cards are written when the file is first read
 * and again whenever it changes, and agents removed from the file are deregistered. Writing
 * happens off the round's thread, so an unreachable broker never delays a round. The file is the
 * registry: an agent of the file deregistered on the topic by someone else (the {@code deregister}
 * command) is still checked, so it is registered again, with a warning saying why.
 */
public final class SyncedFileRegistry implements AgentRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(SyncedFileRegistry.class);

  private final AgentRegistry file;
  private final AgentCatalog catalog;
  private final TombstoneWatch tombstones;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(DaemonThreads.named("meshpulse-register"));
  private final AtomicBoolean syncing = new AtomicBoolean();
  /** What the agents topic is known to hold from this file. */
  private volatile List<AgentCard> written = List.of();
  /** Agents of the file whose tombstone someone else wrote since the last sync. */
  private final Set<String> deregisteredElsewhere = ConcurrentHashMap.newKeySet();

  public SyncedFileRegistry(AgentRegistry file, String agentsTopic, Properties clientProperties) {
    this.file = file;
    this.catalog = new AgentCatalog(agentsTopic, clientProperties);
    this.tombstones = new TombstoneWatch(agentsTopic, clientProperties, this::onTombstone);
  }

  @Override
  public List<AgentCard> agents() {
    List<AgentCard> current = file.agents();
    boolean stale = !current.equals(written) || !deregisteredElsewhere.isEmpty();
    if (stale && syncing.compareAndSet(false, true)) {
      writer.execute(() -> sync(written, current));
    }
    return current;
  }

  /** Brings the topic from {@code previous} to {@code current}; on failure the next round tries again. */
  private void sync(List<AgentCard> previous, List<AgentCard> current) {
    Set<String> kept = current.stream().map(AgentCard::getName).collect(Collectors.toSet());
    List<String> removed = previous.stream().map(AgentCard::getName).filter(n -> !kept.contains(n)).toList();
    Set<String> rewrite = drain(deregisteredElsewhere);
    List<AgentCard> changed = current.stream()
        .filter(card -> !previous.contains(card) || rewrite.contains(card.getName())).toList();
    try {
      catalog.register(changed);
      catalog.deregister(removed);
      written = current;
      LOG.info("agents topic updated from the file: {} registered or changed, {} deregistered", changed.size(),
          removed.size());
    } catch (RuntimeException e) {
      deregisteredElsewhere.addAll(rewrite);
      LOG.warn("cannot update the agents topic from the file (will try again next round): {}", e.getMessage());
    } finally {
      syncing.set(false);
    }
  }

  /** A tombstone for an agent the file still lists: the next round writes its card again. */
  private void onTombstone(String name) {
    if (file.agents().stream().anyMatch(card -> card.getName().equals(name))) {
      deregisteredElsewhere.add(name);
      LOG.warn("agent {} was deregistered on the agents topic, but this prober takes its agents from a file that "
          + "lists it, and goes on checking it: registering it again (remove it from the file to stop checking it)", name);
    }
  }

  private static Set<String> drain(Set<String> names) {
    Set<String> drained = new HashSet<>();
    for (String name : names) {
      if (names.remove(name)) {
        drained.add(name);
      }
    }
    return drained;
  }

  @Override
  public void close() {
    tombstones.close();
    writer.shutdown();
    try {
      writer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    catalog.close();
    file.close();
  }
}
