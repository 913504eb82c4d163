package io.meshpulse.prober.publish;

import io.meshpulse.prober.round.ResultSink;
import io.meshpulse.schema.HealthCheckResult;
import io.meshpulse.schema.serde.MeshSerdes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes check results to the checks topic, keyed by agent name, stamped with the check's
 * start. Rounds never wait for Kafka: results go to a bounded buffer that one thread drains into
 * an idempotent producer (acks=all). The producer holds at most as many unacknowledged results as
 * the buffer's capacity (and 1,000 at most), so while the broker is unreachable the rest wait in
 * the buffer, where past its bound the oldest are dropped, counted and logged. Results the
 * producer gives up on after its delivery timeout go back to the buffer. On close, the buffer is
 * flushed.
 *
 * <p>Duplicates: the producer's retries are idempotent, so an outage shorter than the delivery
 * timeout (2 minutes) delivers each result once. A result put back after the delivery timeout is
 * sent again as a new record and may be there twice, if the broker had in fact written it; readers
 * that count must count (agent, round) pairs.
 */
public final class KafkaResultPublisher implements ResultSink, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaResultPublisher.class);
  private static final Duration DROP_LOG_EVERY = Duration.ofSeconds(10);
  private static final int MAX_UNACKNOWLEDGED = 1_000;

  private final String topic;
  private final KafkaProducer<String, HealthCheckResult> producer;
  private final ResultBuffer<HealthCheckResult> buffer;
  private final Thread sender;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger arrivedAfterClose = new AtomicInteger();
  /** Permits to hand a result to the producer: while Kafka is away, results wait in our buffer, not the producer's. */
  private final Semaphore unacknowledged;
  private final Counter published;
  private final Counter dropped;
  private volatile boolean accepting = true;
  private volatile boolean running = true;
  private volatile long flushDeadlineNanos;
  private long lastDropLogNanos;
  private long droppedAtLastLog;

  public KafkaResultPublisher(String topic, Properties clientProperties, int bufferCapacity, MeterRegistry meters) {
    this.topic = topic;
    this.buffer = new ResultBuffer<>(bufferCapacity);
    this.unacknowledged = new Semaphore(Math.min(bufferCapacity, MAX_UNACKNOWLEDGED));
    this.lastDropLogNanos = System.nanoTime() - DROP_LOG_EVERY.toNanos();
    this.producer = new KafkaProducer<>(producerProperties(clientProperties), new StringSerializer(),
        MeshSerdes.checkResult().serializer());
    this.published = meters.counter("meshpulse.prober.results.published");
    this.dropped = meters.counter("meshpulse.prober.results.dropped");
    Gauge.builder("meshpulse.prober.results.buffered", buffer, ResultBuffer::size).register(meters);
    this.sender = new Thread(this::sendUntilClosed, "meshpulse-publisher");
    this.sender.setDaemon(true);
    this.sender.start();
  }

  static Properties producerProperties(Properties clientProperties) {
    Properties props = new Properties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    // a dead broker must not block the sender for long: the buffer holds results meanwhile
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1000");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
    props.putAll(clientProperties);
    return props;
  }

  @Override
  public void accept(HealthCheckResult result) {
    if (!accepting) {
      // a check that ended while closing: not lost to a full buffer, so not counted or logged as such
      arrivedAfterClose.incrementAndGet();
      return;
    }
    if (!buffer.add(result)) {
      dropped.increment();
    }
  }

  /** Results waiting in the buffer or sent but not yet acknowledged. */
  public int pending() {
    return buffer.size() + inFlight.get();
  }

  /** Results waiting in the buffer, not yet handed to the producer. */
  public int buffered() {
    return buffer.size();
  }

  public long droppedCount() {
    return (long) dropped.count();
  }

  private void sendUntilClosed() {
    while (running || (buffer.size() > 0 && System.nanoTime() - flushDeadlineNanos < 0)) {
      try {
        if (unacknowledged.tryAcquire(200, TimeUnit.MILLISECONDS)) {
          sendNext();
        }
        logDrops();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void sendNext() throws InterruptedException {
    HealthCheckResult next = buffer.take(200, TimeUnit.MILLISECONDS);
    if (next == null) {
      unacknowledged.release();
    } else {
      send(next);
    }
  }

  private void send(HealthCheckResult result) {
    ProducerRecord<String, HealthCheckResult> record = new ProducerRecord<>(topic, null,
        result.getCheckedAt().toEpochMilli(), result.getAgent(), result);
    try {
      inFlight.incrementAndGet();
      producer.send(record, (metadata, error) -> delivered(result, error));
    } catch (RuntimeException e) {
      // metadata unavailable or the producer's own buffer full: wait in ours
      inFlight.decrementAndGet();
      unacknowledged.release();
      if (!buffer.putBack(result)) {
        dropped.increment();
      }
    }
  }

  private void delivered(HealthCheckResult result, Exception error) {
    inFlight.decrementAndGet();
    unacknowledged.release();
    if (error == null) {
      published.increment();
    } else if (error instanceof RetriableException) {
      if (!buffer.putBack(result)) {
        dropped.increment();
      }
    } else {
      dropped.increment();
      LOG.error("result of agent {} cannot be published to {} and is dropped: {}", result.getAgent(), topic,
          error.getMessage());
    }
  }

  private void logDrops() {
    long now = System.nanoTime();
    long total = droppedCount();
    if (total > droppedAtLastLog && now - lastDropLogNanos > DROP_LOG_EVERY.toNanos()) {
      LOG.warn("publish buffer full ({} results waiting for Kafka): dropped {} oldest results ({} in all)",
          buffer.size(), total - droppedAtLastLog, total);
      droppedAtLastLog = total;
      lastDropLogNanos = now;
    }
  }

  /** Stops accepting, hands what is buffered to the producer and waits up to {@code timeout} for delivery. */
  public void close(Duration timeout) {
    accepting = false;
    long deadline = System.nanoTime() + timeout.toNanos();
    flushDeadlineNanos = deadline;
    running = false;
    try {
      sender.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    int lost = pending() + arrivedAfterClose.get();
    if (lost > 0) {
      LOG.warn("closed with {} results not delivered to {}", lost, topic);
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
