package io.meshpulse.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import io.meshpulse.streams.TopologyConfig;
import io.meshpulse.testkit.KafkaCluster;
import io.meshpulse.testkit.LogCapture;
import io.meshpulse.testkit.MeshpulseKafka;
import io.meshpulse.testkit.TestNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One instance of a two-instance group stopped cleanly and started again on its state directory:
 * its local state is still valid, so neither instance may report a task as corrupted (under
 * exactly-once that WARN comes with a TaskCorruptedException stack trace, and the task's state is
 * wiped and restored from the changelogs).
 */
@MeshpulseKafka
class InstanceRestartIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  /** One agent on four partitions: three tasks never see a check, so their windowed store stays empty. */
  private static final List<String> AGENTS = List.of("alpha");

  @TempDir
  Path stateA;
  @TempDir
  Path stateB;

  private final Components running = new Components();

  @AfterEach
  void stop() {
    running.close();
  }

  @Test
  void cleanlyRestartedInstanceFindsNoCorruptedTask(KafkaCluster cluster, TestNames names) {
    // Given: two instances sharing the tasks, with two agents' checks in their stores
    KafkaOptions kafka = KafkaOptions.local(cluster.bootstrapServers(), names.prefix(), 4);
    kafka.ensureTopics();
    TopologyConfig topology = TopologyConfig.fromMap(Map.of(TopologyConfig.TOPICS_PREFIX, names.prefix(),
        TopologyConfig.DEFAULT_INTERVAL, "1h"));
    QueryService first = running.add(start(names, kafka, topology, stateA));
    QueryService second = running.add(start(names, kafka, topology, stateB)); // closed twice: harmless
    QueryApiIT.feed(cluster, names, AGENTS, (agent, round) -> Checks.healthy(agent, 5.0, round));
    await().atMost(DEADLINE).until(() -> sharing(first, second) && listsEveryAgent(first));

    try (LogCapture streamsLog = new LogCapture("org.apache.kafka.streams")) {
      // When
      second.close();
      await().atMost(DEADLINE).until(() -> sharing(first) && listsEveryAgent(first));
      QueryService restarted = running.add(start(names, kafka, topology, stateB));
      await().atMost(DEADLINE).until(() -> sharing(first, restarted) && listsEveryAgent(restarted));

      // Then
      assertEquals(List.of(), corruptionReports(streamsLog.events()));
    }
  }

  private static QueryService start(TestNames names, KafkaOptions kafka, TopologyConfig topology, Path stateDir) {
    return QueryService.start(names.applicationId(), kafka, topology, "127.0.0.1", 0, new HostInfo("127.0.0.1", 0),
        new StateDir("--state-dir", stateDir), QueryService.newMetrics());
  }

  /** Every instance RUNNING with active tasks of its own (the group has settled on these members). */
  private static boolean sharing(QueryService... instances) {
    Set<TaskId> seen = new HashSet<>();
    for (QueryService instance : instances) {
      KafkaStreams streams = instance.kafkaStreams();
      Set<TaskId> own = activeTasks(streams);
      if (streams.state() != KafkaStreams.State.RUNNING || own.isEmpty() || !seen.addAll(own)) {
        return false;
      }
    }
    return true;
  }

  private static Set<TaskId> activeTasks(KafkaStreams streams) {
    return streams.metadataForLocalThreads().stream()
        .map(ThreadMetadata::activeTasks)
        .flatMap(Set::stream)
        .map(TaskMetadata::taskId)
        .collect(Collectors.toSet());
  }

  private static boolean listsEveryAgent(QueryService instance) {
    Api.Answer answer = new Api(instance.port()).get("/api/mesh/health");
    return answer.ok() && answer.body().path("agents").size() == AGENTS.size();
  }

  /** WARN and ERROR lines that report a corrupted task, as "LEVEL logger: message [exception]". */
  private static List<String> corruptionReports(List<ILoggingEvent> events) {
    return events.stream()
        .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .filter(e -> mentionsCorruption(e.getFormattedMessage()) || mentionsCorruption(e.getThrowableProxy()))
        .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
            + (e.getThrowableProxy() == null ? "" : " [" + e.getThrowableProxy().getClassName() + "]"))
        .toList();
  }

  private static boolean mentionsCorruption(IThrowableProxy thrown) {
    for (IThrowableProxy t = thrown; t != null; t = t.getCause()) {
      if (t.getClassName().endsWith("TaskCorruptedException") || mentionsCorruption(t.getMessage())) {
        return true;
      }
    }
    return false;
  }

  private static boolean mentionsCorruption(String message) {
    return message != null && (message.toLowerCase(Locale.ROOT).contains("corrupt")
        || message.contains("did not find checkpoint offsets"));
  }
}
