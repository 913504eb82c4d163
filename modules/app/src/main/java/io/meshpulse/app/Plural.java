package io.meshpulse.app;

/** "1 agent", "2 agents": counts in messages read as English. */
final class Plural {

  private Plural() {}

  static String of(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
