package io.meshpulse.bench;

import io.meshpulse.app.QueryService;
import io.meshpulse.app.TempDir;
import io.meshpulse.embedded.EmbeddedKafka;
import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.HealthCheckResult;
import io.meshpulse.schema.TopicSetup;
import io.meshpulse.schema.Topics;
import io.meshpulse.schema.serde.MeshSerdes;
import io.meshpulse.streams.TopologyConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Checks per second through the health topology with exactly-once on, beside a plain consumer that
 * only reads and deserializes the same topic in the same run, and the freshness of the query API:
 * from a check being produced to its effect being readable.
 */
@Command(name = "streams", mixinStandardHelpOptions = true,
    description = {"Checks/s through the topology (exactly-once) vs a plain consumer of the same topic,",
        "and the freshness of the query API at a steady rate; ends with a RESULT line."})
final class StreamsBench implements Callable<Integer> {

  private static final Duration STARTUP = Duration.ofSeconds(120);
  /** A fresh application: no state, no committed offsets, the topic read from its beginning. */
  private static final String APPLICATION_ID = "bench-streams";

  @Option(names = "--checks", defaultValue = "1000000", description = "Checks produced before measuring (default ${DEFAULT-VALUE}).")
  long checks;

  @Option(names = "--agents", defaultValue = "10000", description = "Agents the checks are about (default ${DEFAULT-VALUE}).")
  int agents;

  @Option(names = "--partitions", defaultValue = "6", description = "Partitions of the checks topic (default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--rate", defaultValue = "1000", description = "Checks/s while freshness is measured (default ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--fresh-seconds", defaultValue = "20", description = "How long freshness is measured (default ${DEFAULT-VALUE}).")
  int freshSeconds;

  @Option(names = "--sample-every", defaultValue = "20", description = "Every n-th check's freshness is measured (default ${DEFAULT-VALUE}).")
  int sampleEvery;

  @Option(names = "--kafka", paramLabel = "KEY=VALUE",
      description = "A Kafka Streams setting over meshpulse's (repeatable), e.g. --kafka num.stream.threads=2.")
  Map<String, String> kafka = new LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    Topics topics = new Topics("bench.");
    BenchFleet fleet = new BenchFleet(agents);
    System.out.printf("streams benchmark: %,d checks of %,d agents on %d partitions; load average %s%n",
        checks, agents, partitions, Machine.loadAverage());
    try (TempDir dir = TempDir.create("meshpulse-bench-"); EmbeddedKafka broker = EmbeddedKafka.start()) {
      String bootstrap = broker.bootstrapServers();
      prepare(bootstrap, topics, fleet);
      double consumerPerSecond = ConsumerBaseline.checksPerSecond(bootstrap, topics.checks(), checks);
      System.out.printf("plain consumer: %,.0f checks/s (read and deserialized)%n", consumerPerSecond);
      TopologyConfig topology = TopologyConfig.fromMap(Map.of(TopologyConfig.TOPICS_PREFIX, topics.prefix()));
      try (QueryService streams = QueryService.startOnLoopback(APPLICATION_ID, bootstrap, topology, kafka,
          dir.path())) {
        double topologyPerSecond = catchUp(streams, bootstrap, topics);
        System.out.printf("topology: %,.0f checks/s (exactly-once, committed) = %.2f of the plain consumer%n",
            topologyPerSecond, topologyPerSecond / consumerPerSecond);
        Percentiles fresh = Percentiles.of(new Freshness(fleet, bootstrap, topics.checks(), streams.port())
            .measure(rate, Duration.ofSeconds(freshSeconds), sampleEvery));
        System.out.printf("freshness at %,d checks/s, %d samples: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
            rate, fresh.count(), fresh.p50(), fresh.p99(), fresh.max());
        System.out.println("load average " + Machine.loadAverage());
        System.out.println(new ResultLine("streams")
            .put("checks_per_s", Math.round(topologyPerSecond))
            .put("consumer_per_s", Math.round(consumerPerSecond))
            .put("ratio", topologyPerSecond / consumerPerSecond)
            .put("fresh_p50_ms", fresh.p50())
            .put("fresh_p99_ms", fresh.p99()));
      }
    }
    return 0;
  }

  /** Topics, registered agents, and the checks, all on the broker before anything is measured. */
  private void prepare(String bootstrap, Topics topics, BenchFleet fleet) {
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin client = Admin.create(admin)) {
      new TopicSetup(topics, partitions, (short) 1).ensure(client, Duration.ofSeconds(30));
    }
    register(bootstrap, topics, fleet.cards());
    long start = System.nanoTime();
    // the rounds end a few minutes before now: no check is from the future, the freshness checks come after
    Instant first = Instant.now().minus(BenchFleet.INTERVAL.multipliedBy(checks / agents + 1)).minus(Duration.ofMinutes(3));
    try (KafkaProducer<String, HealthCheckResult> producer = BenchFleet.checksProducer(bootstrap, 20)) {
      fleet.produceRounds(producer, topics.checks(), checks, first);
    }
    try (GroupProgress progress = new GroupProgress(bootstrap, topics.checks())) {
      if (progress.records() != checks) {
        throw new IllegalStateException("produced " + checks + " checks but the topic holds " + progress.records());
      }
    }
    System.out.printf("produced %,d checks in %.1f s%n", checks, (System.nanoTime() - start) / 1e9);
  }

  private static void register(String bootstrap, Topics topics, List<AgentCard> cards) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaProducer<String, AgentCard> producer =
        new KafkaProducer<>(props, new StringSerializer(), MeshSerdes.agentCard().serializer())) {
      cards.forEach(card -> producer.send(new ProducerRecord<>(topics.agents(), card.getName(), card)));
    }
  }

  /**
   * Checks per second from RUNNING (joining the group and creating the stores is not throughput)
   * until the offsets committed — exactly-once: with the output and the store changes — reach the
   * end of the checks topic.
   */
  private double catchUp(QueryService streams, String bootstrap, Topics topics) {
    long created = System.nanoTime();
    streams.awaitRunning(STARTUP);
    long start = System.nanoTime();
    CpuTime cpuAtStart = CpuTime.now();
    System.out.printf("topology RUNNING after %.1f s%n", (start - created) / 1e9);
    try (GroupProgress progress = new GroupProgress(bootstrap, topics.checks())) {
      long deadline = start + Duration.ofMinutes(30).toNanos();
      while (progress.committed(APPLICATION_ID) < checks) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the topology did not catch up within 30 minutes");
        }
        LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // the granularity of the measurement
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    CpuTime cpu = CpuTime.now().since(cpuAtStart);
    System.out.printf("topology committed all %,d checks in %.1f s, using %.1f s of CPU (%.1f s in its stream threads):"
        + " %.1f µs per check%n", checks, seconds, cpu.processNanos() / 1e9, cpu.streamThreadNanos() / 1e9,
        cpu.processNanos() / 1e3 / checks);
    return checks / seconds;
  }
}
