package io.meshpulse.app;

import io.meshpulse.schema.config.ConfigException;
import org.apache.kafka.common.errors.ApiException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place that maps a command's failure to what the user sees: bad input is one line and
 * exit code 2; Kafka unreachable (or refusing) is one line and exit code 3; anything else is a
 * bug, reported with its stack trace, exit code 3.
 */
final class Failures implements IExecutionExceptionHandler {

  static final int BAD_INPUT = 2;
  static final int FAILED = 3;

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    command.getErr().println("error: " + e.getMessage());
    if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
      return BAD_INPUT;
    }
    if (!(e instanceof KafkaUnavailableException || causedByKafka(e))) {
      e.printStackTrace(command.getErr());
    }
    return FAILED;
  }

  /** A Kafka broker's or client's answer (timed out, not authorized, ...) surfacing through one of ours: not a bug. */
  private static boolean causedByKafka(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApiException) {
        return true;
      }
    }
    return false;
  }
}
