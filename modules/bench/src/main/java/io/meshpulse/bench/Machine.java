package io.meshpulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine the benchmark runs on. */
final class Machine {

  private Machine() {}

  /** The 1, 5 and 15 minute load averages, as {@code uptime} prints them, and the cores; "unknown" off Linux. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + ", " + fields[1] + ", " + fields[2] + " (" + Runtime.getRuntime().availableProcessors() + " cores)";
    } catch (IOException e) {
      return "unknown";
    }
  }
}
