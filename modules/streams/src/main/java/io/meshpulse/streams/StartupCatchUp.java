package io.meshpulse.streams;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the application has processed what its topics held when this instance started. Until
 * then the stores are a partial picture — a fresh application has read some agents but not all,
 * a restarted one has checks to replay — and answering from them would be wrong, not just old.
 *
 * <p>Two steps, by the application's committed offsets: first the source topics up to their ends
 * at start; then its repartition topics up to their ends at that moment, which by then hold
 * everything the source records led to (exactly-once commits both together). Repartition topics
 * are written in transactions, so their last offset is a commit marker that a consumer never
 * commits past: one offset short of the end counts as read.
 *
 * <p>Once caught up it stays so: later lag is the normal flow. Where the application's offsets
 * cannot be read (no ACL to describe the group), it logs why and does not hold answers back.
 */
public final class StartupCatchUp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StartupCatchUp.class);
  private static final Duration CHECK_EVERY = Duration.ofMillis(250);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final Admin admin;
  private final String applicationId;
  private final Set<String> sourceTopics;
  private final ScheduledExecutorService checker;
  private Map<TopicPartition, Long> targets;
  private boolean repartitionStep;
  private volatile String behind = "reading the end offsets of its topics";

  private StartupCatchUp(Admin admin, String applicationId, Collection<String> sourceTopics) {
    this.admin = admin;
    this.applicationId = applicationId;
    this.sourceTopics = Set.copyOf(sourceTopics);
    this.checker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "meshpulse-catch-up");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts watching: the source topics' ends are read now, so call this before the application
   * starts processing.
   *
   * @param adminProperties bootstrap servers and any security settings
   */
  public static StartupCatchUp start(Properties adminProperties, String applicationId, Collection<String> sourceTopics) {
    StartupCatchUp catchUp = new StartupCatchUp(Admin.create(adminProperties), applicationId, sourceTopics);
    catchUp.checker.scheduleWithFixedDelay(catchUp::check, 0, CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    return catchUp;
  }

  public boolean caughtUp() {
    return behind == null;
  }

  /** Why the application is not caught up yet, for a person; null once it is. */
  public String behind() {
    return behind;
  }

  private void check() {
    try {
      if (targets == null) {
        targets = endOffsets(partitionsOf(sourceTopics));
      }
      long lag = lag(committedOffsets(), repartitionStep ? 1 : 0);
      if (lag > 0) {
        behind = "catching up: " + lag + " records of " + (repartitionStep ? "its repartition topics" : sourceTopics)
            + " to process before it can answer";
      } else if (!repartitionStep) {
        repartitionStep = true;
        targets = endOffsets(partitionsOf(repartitionTopics()));
        check();
      } else {
        done("caught up with its topics");
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AuthorizationException) {
        done("cannot tell whether it has caught up (" + e.getCause().getMessage() + "); the API answers without waiting");
      } else {
        LOG.debug("catch-up check failed, trying again: {}", e.getCause().toString());
      }
    } catch (TimeoutException e) {
      LOG.debug("catch-up check timed out, trying again");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private long lag(Map<TopicPartition, Long> committed, long slack) {
    long lag = 0;
    for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
      lag += Math.max(0, target.getValue() - slack - committed.getOrDefault(target.getKey(), 0L));
    }
    return lag;
  }

  private void done(String how) {
    behind = null;
    LOG.info("Streams application {} {}", applicationId, how);
    checker.shutdown();
  }

  private Set<String> repartitionTopics() throws ExecutionException, InterruptedException, TimeoutException {
    return admin.listTopics().names().get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).stream()
        .filter(name -> name.startsWith(applicationId + "-") && name.endsWith("-repartition"))
        .collect(Collectors.toSet());
  }

  private Set<TopicPartition> partitionsOf(Set<String> topics)
      throws ExecutionException, InterruptedException, TimeoutException {
    if (topics.isEmpty()) {
      return Set.of();
    }
    Map<String, TopicDescription> described =
        admin.describeTopics(topics).allTopicNames().get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    return described.values().stream()
        .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
        .collect(Collectors.toSet());
  }

  /** Ends as a read_committed consumer sees them: an open transaction's records are not yet there. */
  private Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, OffsetSpec> latest = partitions.stream()
        .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
        .get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .forEach((partition, info) -> ends.put(partition, info.offset()));
    return ends;
  }

  private Map<TopicPartition, Long> committedOffsets() throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
        .partitionsToOffsetAndMetadata().get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    Map<TopicPartition, Long> offsets = new HashMap<>();
    committed.forEach((partition, offset) -> {
      if (offset != null) {
        offsets.put(partition, offset.offset());
      }
    });
    return offsets;
  }

  @Override
  public void close() {
    checker.shutdownNow();
    admin.close(Duration.ofSeconds(1));
  }
}
