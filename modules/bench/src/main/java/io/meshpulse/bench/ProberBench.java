package io.meshpulse.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The prober benchmark (to be written: see issue 3). */
@Command(name = "prober", mixinStandardHelpOptions = true, description = "Not written yet.")
final class ProberBench implements Callable<Integer> {

  @Override
  public Integer call() {
    System.err.println("the prober benchmark is not written yet");
    return 1;
  }
}
