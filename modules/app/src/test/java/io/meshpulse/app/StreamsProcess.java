package io.meshpulse.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code meshpulse streams} in a JVM of its own, on this test's classpath, its query API on a
 * loopback port. {@link #kill()} is SIGKILL: no shutdown hook, no last commit, no closed store.
 * Its output goes to this test's log, each line prefixed with the process's name.
 */
final class StreamsProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamsProcess.class);
  private static final long STOP_SECONDS = 30;

  private final String name;
  private final Process process;
  private final int port;

  private StreamsProcess(String name, Process process, int port) {
    this.name = name;
    this.process = process;
    this.port = port;
  }

  /** Starts {@code meshpulse <arguments>}; the arguments name {@link #freePort()}'s port as the API's. */
  static StreamsProcess start(String name, List<String> arguments, int port) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), Meshpulse.class.getName()));
    command.addAll(arguments);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      Thread pump = new Thread(() -> echo(name, process), name + "-output");
      pump.setDaemon(true);
      pump.start();
      LOG.info("{} started: pid {}, API on port {}", name, process.pid(), port);
      return new StreamsProcess(name, process, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** A loopback port nothing listens on right now. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on loopback", e);
    }
  }

  Api api() {
    return new Api(port);
  }

  /** SIGKILL, then waits for the process to be gone. */
  void kill() {
    process.destroyForcibly();
    awaitExit();
    LOG.info("{} killed", name);
  }

  /** SIGTERM (a clean stop), SIGKILL if that takes too long. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      awaitExit();
    }
  }

  private void awaitExit() {
    try {
      if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static void echo(String name, Process process) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      lines.lines().forEach(line -> LOG.info("[{}] {}", name, line));
    } catch (IOException | UncheckedIOException e) {
      LOG.info("[{}] output closed: {}", name, e.getMessage());
    }
  }
}
