package io.meshpulse.streams;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Records for the dead-letter topic: the source record's raw key and value bytes, its headers,
 * and headers saying why. Header values are UTF-8 strings. The {@code __streams.errors.*} names
 * are those Kafka Streams' own dead-letter records use (KIP-1034), so tools that read those read
 * ours; {@link #REASON} and {@link #DETAIL} are meshpulse's.
 */
public final class DeadLetters {

  /** Why, as a {@link DeadLetterReason#code()}: {@code undeserializable}, {@code late}, ... */
  public static final String REASON = "meshpulse.dlq.reason";
  /** What exactly, for a person: e.g. the agent, the check time and the stream time of a late check. */
  public static final String DETAIL = "meshpulse.dlq.detail";
  /** Topic the record was read from. */
  public static final String TOPIC = "__streams.errors.topic";
  /** Partition the record was read from, in decimal. */
  public static final String PARTITION = "__streams.errors.partition";
  /** Offset of the record, in decimal. */
  public static final String OFFSET = "__streams.errors.offset";
  /** Class of the exception, for undeserializable records and processing errors. */
  public static final String EXCEPTION = "__streams.errors.exception";
  /** Message of the exception, for undeserializable records and processing errors. */
  public static final String EXCEPTION_MESSAGE = "__streams.errors.message";
  /** Stack trace, for processing errors only (expected rejections have none). */
  public static final String STACKTRACE = "__streams.errors.stacktrace";

  private DeadLetters() {}

  /**
   * @param error the exception to record with its class and message; null for an expected rejection
   * @param withStackTrace whether to add the stack trace of {@code error}
   */
  static ProducerRecord<byte[], byte[]> record(String deadLetterTopic, ErrorHandlerContext context, byte[] rawKey,
      byte[] rawValue, DeadLetterReason reason, String detail, Exception error, boolean withStackTrace) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(deadLetterTopic, null, context.timestamp(), rawKey, rawValue);
    Headers headers = record.headers();
    if (context.headers() != null) {
      for (Header header : context.headers()) {
        headers.add(header);
      }
    }
    put(headers, REASON, reason.code());
    put(headers, DETAIL, detail);
    put(headers, TOPIC, context.topic());
    put(headers, PARTITION, Integer.toString(context.partition()));
    put(headers, OFFSET, Long.toString(context.offset()));
    if (error != null) {
      put(headers, EXCEPTION, error.getClass().getName());
      put(headers, EXCEPTION_MESSAGE, error.getMessage());
      if (withStackTrace) {
        put(headers, STACKTRACE, stackTrace(error));
      }
    }
    return record;
  }

  private static void put(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  private static String stackTrace(Exception e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
