package io.meshpulse.streams;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record that cannot be deserialized to the dead-letter topic
 * ({@value StreamsConfig#ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG}) as it was read, with reason
 * {@code undeserializable} and the exception's class and message in headers, and resumes. Bad
 * data is expected: one WARN line, no stack trace.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

  private String deadLetterTopic;

  @Override
  public void configure(Map<String, ?> configs) {
    Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    if (topic == null || topic.toString().isBlank()) {
      throw new ConfigException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topic,
          "the dead-letter topic must be set: unreadable records are never dropped silently");
    }
    deadLetterTopic = topic.toString();
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    LOG.warn("unreadable record to dead-letter topic: topic={} partition={} offset={} error={}",
        record.topic(), record.partition(), record.offset(), exception.getMessage());
    return Response.resume(List.of(DeadLetters.record(deadLetterTopic, context, record.key(), record.value(),
        DeadLetterReason.UNDESERIALIZABLE, String.valueOf(exception.getMessage()), exception, false)));
  }
}
