package io.meshpulse.schema;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates meshpulse's topics when they are missing. The agents and checks topics get the same
 * partition count: the topology keeps an agent's registration and its checks in one task.
 */
public final class TopicSetup {

  private final Topics topics;
  private final int partitions;
  private final short replication;

  public TopicSetup(Topics topics, int partitions, short replication) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions: must be at least 1, got " + partitions);
    }
    if (replication < 1) {
      throw new IllegalArgumentException("replication factor: must be at least 1, got " + replication);
    }
    this.topics = topics;
    this.partitions = partitions;
    this.replication = replication;
  }

  public List<NewTopic> newTopics() {
    List<NewTopic> all = new ArrayList<>();
    all.add(new NewTopic(topics.agents(), partitions, replication)
        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    all.add(new NewTopic(topics.checks(), partitions, replication));
    all.add(new NewTopic(topics.transitions(), partitions, replication));
    all.add(new NewTopic(topics.stats(), partitions, replication));
    all.add(new NewTopic(topics.checksDeadLetter(), 1, replication));
    return all;
  }

  /** Creates whichever topics do not exist yet; existing ones are left as they are. */
  public void ensure(Admin admin, Duration timeout) {
    try {
      Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      List<NewTopic> missing = newTopics().stream().filter(t -> !existing.contains(t.name())).toList();
      if (missing.isEmpty()) {
        return;
      }
      admin.createTopics(missing).values().values().forEach(f -> awaitCreated(f, timeout));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot list topics within " + timeout.toMillis() + " ms: " + e.getMessage(), e);
    }
  }

  private static void awaitCreated(org.apache.kafka.common.KafkaFuture<Void> created, Duration timeout) {
    try {
      created.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topic: " + e.getCause().getMessage(), e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("topic not created within " + timeout.toMillis() + " ms", e);
    }
  }
}
