package io.meshpulse.embedded;

import io.meshpulse.schema.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a simulated fleet in its own process: writes the agents YAML, prints {@code READY <n>}, and
 * serves until stdin closes or SIGTERM. See {@link FleetArgs#USAGE}.
 */
public final class FleetMain {

  private static final Logger LOG = LoggerFactory.getLogger(FleetMain.class);

  private FleetMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** @return the exit code: 0 after a clean stop, 2 for bad arguments */
  static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr) {
    FleetArgs parsed;
    try {
      parsed = FleetArgs.parse(args);
    } catch (ConfigException e) {
      stderr.println(e.getMessage());
      stderr.println(FleetArgs.USAGE);
      return 2;
    }
    serve(parsed, stdin, stdout);
    return 0;
  }

  private static void serve(FleetArgs args, InputStream stdin, PrintStream stdout) {
    CountDownLatch stopped = new CountDownLatch(1);
    try (SimulatedFleet fleet = SimulatedFleet.start(args.specs(), args.options())) {
      AgentsYaml.write(fleet.cards(), args.out());
      Thread hook = new Thread(() -> {
        fleet.close();
        stopped.countDown();
      }, "fleet-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      LOG.info("{} agents listening, agents file {}; another fleet on this host can use --first-ip-block {}",
          fleet.agents().size(), args.out(), args.firstIpBlock() + FleetAddresses.blocks(args.agents()));
      stdout.println("READY " + fleet.agents().size());
      stdout.flush();
      awaitStop(args.watchStdin() ? stdin : null, stopped);
      removeHook(hook);
    }
  }

  /** Until {@code stdin} reaches its end (when given) or the shutdown hook ran. */
  private static void awaitStop(InputStream stdin, CountDownLatch stopped) {
    try {
      if (stdin == null) {
        stopped.await();
        return;
      }
      byte[] discard = new byte[256];
      while (stdin.read(discard) >= 0) {
        LOG.debug("ignoring input on stdin");
      }
    } catch (IOException e) {
      LOG.warn("stdin failed, stopping: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      LOG.debug("shutting down already");
    }
  }
}
