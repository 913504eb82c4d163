package io.meshpulse.streams;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record whose processing threw to the dead-letter topic
 * ({@value StreamsConfig#ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG}), raw, with the reason in
 * headers, and resumes with the next record.
 *
 * <ul>
 *   <li>A {@link CheckRejectedException} is an expected rejection by the admission step: one WARN
 *       line, no stack trace.</li>
 *   <li>Anything else is unexpected: logged at ERROR with its stack trace, sent with reason
 *       {@code processing-error} (and the stack trace in a header), and processing goes on.</li>
 * </ul>
 *
 * An exception without a source record (in a punctuator) is logged at ERROR and skipped: there is
 * nothing to put on the dead-letter topic.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

  private String deadLetterTopic;

  @Override
  public void configure(Map<String, ?> configs) {
    Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    if (topic == null || topic.toString().isBlank()) {
      throw new ConfigException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topic,
          "the dead-letter topic must be set: rejected checks are never dropped silently");
    }
    deadLetterTopic = topic.toString();
  }

  @Override
  public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    if (exception instanceof CheckRejectedException rejected) {
      LOG.warn("check to dead-letter topic: reason={} {} (topic={} partition={} offset={})",
          rejected.reason(), rejected.getMessage(), context.topic(), context.partition(), context.offset());
      return Response.resume(List.of(DeadLetters.record(deadLetterTopic, context, context.sourceRawKey(),
          context.sourceRawValue(), rejected.reason(), rejected.getMessage(), null, false)));
    }
    if (context.topic() == null) {
      LOG.error("unexpected error without a source record in processor {} of task {}; skipped",
          context.processorNodeId(), context.taskId(), exception);
      return Response.resume();
    }
    LOG.error("unexpected error processing record topic={} partition={} offset={} in processor {}; "
            + "record sent to the dead-letter topic, processing goes on",
        context.topic(), context.partition(), context.offset(), context.processorNodeId(), exception);
    String detail = "processor " + context.processorNodeId() + ": " + exception;
    return Response.resume(List.of(DeadLetters.record(deadLetterTopic, context, context.sourceRawKey(),
        context.sourceRawValue(), DeadLetterReason.PROCESSING_ERROR, detail, exception, true)));
  }
}
