package io.meshpulse.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.meshpulse.testkit.LogCapture;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class DeadLetterProcessingHandlerTest {

  private static final byte[] KEY = "a".getBytes(StandardCharsets.UTF_8);
  private static final byte[] VALUE = {9, 8, 7};

  private final DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();

  DeadLetterProcessingHandlerTest() {
    handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "dlq"));
  }

  private record Context(Headers headers) implements ErrorHandlerContext {
    @Override public String topic() { return "checks"; }
    @Override public int partition() { return 2; }
    @Override public long offset() { return 42; }
    @Override public String processorNodeId() { return "agent-status-processor"; }
    @Override public TaskId taskId() { return new TaskId(0, 2); }
    @Override public long timestamp() { return 1_000; }
    @Override public byte[] sourceRawKey() { return KEY; }
    @Override public byte[] sourceRawValue() { return VALUE; }
  }

  private static String header(ProducerRecord<byte[], byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  @Test
  void rejectedCheckGoesRawToTheDeadLetterTopicWithItsReasonAndNoStackTrace() {
    try (LogCapture log = new LogCapture(DeadLetterProcessingHandler.class)) {
      ProcessingExceptionHandler.Response response = handler.handleError(new Context(new RecordHeaders()),
          new Record<>("a", "v", 1_000), new CheckRejectedException(DeadLetterReason.LATE, "agent=a check time=x stream time=y"));

      assertEquals(ProcessingExceptionHandler.Result.RESUME, response.result());
      ProducerRecord<byte[], byte[]> dlq = response.deadLetterQueueRecords().get(0);
      assertEquals("dlq", dlq.topic());
      assertArrayEquals(KEY, dlq.key());
      assertArrayEquals(VALUE, dlq.value());
      assertEquals("late", header(dlq, DeadLetters.REASON));
      assertEquals("agent=a check time=x stream time=y", header(dlq, DeadLetters.DETAIL));
      assertEquals("checks", header(dlq, DeadLetters.TOPIC));
      assertEquals("2", header(dlq, DeadLetters.PARTITION));
      assertEquals("42", header(dlq, DeadLetters.OFFSET));
      assertNull(header(dlq, DeadLetters.STACKTRACE));
      ILoggingEvent line = log.events().get(0);
      assertEquals(Level.WARN, line.getLevel());
      assertNull(line.getThrowableProxy());
    }
  }

  @Test
  void unexpectedErrorIsLoggedWithItsStackTraceAndStillGoesToTheDeadLetterTopic() {
    Headers original = new RecordHeaders().add("trace-id", "t-1".getBytes(StandardCharsets.UTF_8));
    try (LogCapture log = new LogCapture(DeadLetterProcessingHandler.class)) {
      ProcessingExceptionHandler.Response response = handler.handleError(new Context(original),
          new Record<>("a", "v", 1_000), new IllegalStateException("bug"));

      assertEquals(ProcessingExceptionHandler.Result.RESUME, response.result());
      ProducerRecord<byte[], byte[]> dlq = response.deadLetterQueueRecords().get(0);
      assertEquals("processing-error", header(dlq, DeadLetters.REASON));
      assertEquals(IllegalStateException.class.getName(), header(dlq, DeadLetters.EXCEPTION));
      assertEquals("bug", header(dlq, DeadLetters.EXCEPTION_MESSAGE));
      assertNotNull(header(dlq, DeadLetters.STACKTRACE));
      assertEquals("t-1", header(dlq, "trace-id"));
      ILoggingEvent line = log.events().get(0);
      assertEquals(Level.ERROR, line.getLevel());
      assertNotNull(line.getThrowableProxy());
    }
  }

  @Test
  void handlerWithoutDeadLetterTopicRefusesToStart() {
    DeadLetterProcessingHandler unconfigured = new DeadLetterProcessingHandler();

    assertThrows(ConfigException.class, () -> unconfigured.configure(Map.of()));
  }
}
