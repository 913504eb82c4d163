package io.meshpulse.prober.cases;

import io.meshpulse.schema.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * A {@link ProberInstance} in a JVM of its own, so a test can kill it as a crash would: no goodbye to
 * the group, no flush. {@link #main} runs until killed.
 */
final class ProberProcess {

  private ProberProcess() {}

  /** Starts a prober process that joins {@code group} and runs rounds until it is killed. */
  static Process start(String bootstrapServers, Topics topics, String group, String proberId, Duration interval)
      throws IOException {
    List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), ProberProcess.class.getName(),
        bootstrapServers, topics.prefix(), group, proberId, Long.toString(interval.toMillis()));
    return new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }

  /** {@code <bootstrap servers> <topic prefix> <group> <prober id> <interval ms>} */
  public static void main(String[] args) throws InterruptedException {
    Properties kafka = new Properties();
    kafka.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    ProberInstance prober = ProberInstance.join(kafka, new Topics(args[1]), args[2], args[3],
        Duration.ofMillis(Long.parseLong(args[4])));
    prober.startRounds();
    new CountDownLatch(1).await();
  }
}
