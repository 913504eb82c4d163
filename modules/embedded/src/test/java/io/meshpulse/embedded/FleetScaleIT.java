package io.meshpulse.embedded;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fleet at the size one process must serve: every agent listening on its own address and holding one
 * kept-alive connection. Fleet and clients share this JVM, so this needs about 15,000 file descriptors
 * (5,000 listeners, 5,000 connections on each side).
 */
class FleetScaleIT {

  private static final Logger LOG = LoggerFactory.getLogger(FleetScaleIT.class);
  private static final int AGENTS = 5_000;
  private static final int CLIENT_THREADS = 16;

  @Test
  void fiveThousandAgentsEachAnswerOnce() throws Exception {
    // Given
    List<AgentSpec> specs = new ArrayList<>();
    for (int i = 0; i < AGENTS; i++) {
      specs.add(AgentSpec.of(String.format("agent-%05d", i), Behaviour.healthy(Duration.ZERO), "search"));
    }
    long startNanos = System.nanoTime();
    try (SimulatedFleet fleet = SimulatedFleet.start(specs)) {
      long startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
      ConcurrentLinkedQueue<RawHttp> kept = new ConcurrentLinkedQueue<>();
      try {
        // When
        long askNanos = System.nanoTime();
        List<Integer> statuses = askEveryAgentOnce(fleet, kept);
        long askMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - askNanos);
        LOG.info("{} agents: listening after {} ms, each answered once in {} ms; {} file descriptors open",
            AGENTS, startMillis, askMillis, openFileDescriptors());

        // Then
        assertTrue(statuses.stream().allMatch(s -> s == 200), "every agent answers 200");
        assertTrue(fleet.agents().stream().allMatch(a -> a.requests() == 1 && a.connectionsAccepted() == 1));
        assertEquals(AGENTS, fleet.openConnections());
      } finally {
        closeAll(kept);
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> fleet.openConnections() == 0);
    }
  }

  /** One GET per agent from a few threads; each connection stays open afterwards, as a prober's pool keeps it. */
  private static List<Integer> askEveryAgentOnce(SimulatedFleet fleet, ConcurrentLinkedQueue<RawHttp> kept) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (SimulatedAgent agent : fleet.agents()) {
        answers.add(clients.submit(() -> {
          RawHttp connection = RawHttp.connect(agent.url(), Duration.ofSeconds(10));
          kept.add(connection);
          return connection.get(true).readAnswer().status();
        }));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> answer : answers) {
        statuses.add(answer.get(60, TimeUnit.SECONDS));
      }
      return statuses;
    } finally {
      clients.shutdownNow();
    }
  }

  private static void closeAll(ConcurrentLinkedQueue<RawHttp> connections) throws IOException {
    for (RawHttp connection : connections) {
      connection.close();
    }
  }

  private static long openFileDescriptors() throws IOException {
    Path fds = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fds)) {
      return -1;
    }
    try (var list = Files.list(fds)) {
      return list.count();
    }
  }
}
