package io.meshpulse.app;

import io.meshpulse.embedded.Behaviour;
import io.meshpulse.embedded.SimulatedAgent;
import io.meshpulse.embedded.SimulatedFleet;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the demo moving: every cycle one healthy agent goes down for a while and comes back, so
 * transitions, alerts and the API's counts change while a newcomer watches.
 */
final class DemoScenario implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DemoScenario.class);

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "meshpulse-demo-scenario");
    thread.setDaemon(true);
    return thread;
  });

  private DemoScenario() {}

  static DemoScenario start(SimulatedFleet fleet, Duration cycle, Duration downFor) {
    DemoScenario scenario = new DemoScenario();
    SimulatedAgent victim = fleet.agents().get(0);
    Behaviour usual = victim.behaviour();
    scenario.timer.scheduleAtFixedRate(() -> {
      LOG.info("demo scenario: agent {} goes down for {} s", victim.name(), downFor.toSeconds());
      victim.setBehaviour(Behaviour.down());
      scenario.timer.schedule(() -> {
        LOG.info("demo scenario: agent {} is back", victim.name());
        victim.setBehaviour(usual);
      }, downFor.toMillis(), TimeUnit.MILLISECONDS);
    }, cycle.toMillis(), cycle.toMillis(), TimeUnit.MILLISECONDS);
    return scenario;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
