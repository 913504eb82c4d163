package io.meshpulse.bench;

import io.meshpulse.embedded.FleetAddresses;
import io.meshpulse.embedded.FleetMain;
import io.meshpulse.prober.registry.AgentsFile;
import io.meshpulse.schema.AgentCard;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A simulated fleet of healthy agents in child processes ({@link FleetMain}), so that its listeners and
 * connections count against their open-file limits, not the prober's: 10,000 agents in one process
 * would need 30,000 descriptors with the prober beside them (limit 20,000). {@link #cards(int)} takes
 * agents from every process in turn, so a small fleet spreads its load as a large one does.
 */
final class ChildFleet implements AutoCloseable {

  /** 2 descriptors per agent (listener and connection) and room for a second client's connections. */
  static final int AGENTS_PER_PROCESS = 2_500;
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

  private final List<Process> processes;
  private final List<AgentCard> interleaved;
  private final Path dir;

  private ChildFleet(List<Process> processes, List<AgentCard> interleaved, Path dir) {
    this.processes = processes;
    this.interleaved = interleaved;
    this.dir = dir;
  }

  static ChildFleet start(int agents, Duration latency) throws IOException {
    Path dir = Files.createTempDirectory("meshpulse-bench-");
    List<Process> processes = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    try {
      int firstBlock = 1;
      for (int left = agents; left > 0; left -= AGENTS_PER_PROCESS) {
        int size = Math.min(left, AGENTS_PER_PROCESS);
        Path file = dir.resolve("agents-" + firstBlock + ".yaml");
        processes.add(launch(size, latency, firstBlock, file));
        files.add(file);
        firstBlock += FleetAddresses.blocks(size);
      }
      for (Process process : processes) {
        awaitReady(process);
      }
    } catch (IOException | RuntimeException e) {
      processes.forEach(Process::destroy);
      deleteAgentsFiles(dir);
      throw e;
    }
    return new ChildFleet(processes, interleave(files.stream().map(AgentsFile::read).toList()), dir);
  }

  /** The first {@code n} agents, taken from each process in turn. */
  List<AgentCard> cards(int n) {
    return interleaved.subList(0, n);
  }

  int size() {
    return interleaved.size();
  }

  @Override
  public void close() throws InterruptedException {
    for (Process process : processes) {
      try {
        process.getOutputStream().close(); // FleetMain stops when its stdin ends
      } catch (IOException e) {
        process.destroy();
      }
    }
    for (Process process : processes) {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    deleteAgentsFiles(dir);
  }

  private static void deleteAgentsFiles(Path dir) {
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      System.err.println("could not delete the fleet's agents files in " + dir + ": " + e.getMessage());
    }
  }

  private static Process launch(int agents, Duration latency, int firstBlock, Path file) throws IOException {
    List<String> command = List.of(javaBinary(), "-Xmx512m", "-XX:+UseSerialGC", "-cp", ownClassPath(),
        FleetMain.class.getName(), "--agents", Integer.toString(agents), "--latency", latency.toMillis() + "ms",
        "--first-ip-block", Integer.toString(firstBlock), "--out", file.toString());
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  /** Reads the child's output until {@code READY}, then keeps draining it so the child never blocks on a full pipe. */
  private static void awaitReady(Process process) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    String line;
    while ((line = out.readLine()) != null && !line.startsWith("READY")) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("fleet process not ready within " + READY_TIMEOUT.toSeconds() + " s");
      }
    }
    if (line == null) {
      throw new IllegalStateException("fleet process ended before it was ready (exit " + exitCode(process) + ")");
    }
    Thread drain = new Thread(() -> out.lines().forEach(ignored -> { }), "fleet-output");
    drain.setDaemon(true);
    drain.start();
  }

  private static String exitCode(Process process) {
    try {
      return Integer.toString(process.waitFor());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  private static List<AgentCard> interleave(List<List<AgentCard>> perProcess) {
    List<AgentCard> all = new ArrayList<>();
    int longest = perProcess.stream().mapToInt(List::size).max().orElse(0);
    for (int i = 0; i < longest; i++) {
      for (List<AgentCard> cards : perProcess) {
        if (i < cards.size()) {
          all.add(cards.get(i));
        }
      }
    }
    return List.copyOf(all);
  }

  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** This JVM's class path: the benchmark's jar under {@code java -jar}. */
  static String ownClassPath() {
    return System.getProperty("java.class.path");
  }
}
