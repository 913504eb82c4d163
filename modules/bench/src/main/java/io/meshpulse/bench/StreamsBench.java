package io.meshpulse.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The streams benchmark (to be written: see issue 4). */
@Command(name = "streams", mixinStandardHelpOptions = true, description = "Not written yet.")
final class StreamsBench implements Callable<Integer> {

  @Override
  public Integer call() {
    System.err.println("the streams benchmark is not written yet");
    return 1;
  }
}
