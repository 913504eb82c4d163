package io.meshpulse.app;

import io.meshpulse.schema.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place that maps a command's failure to what the user sees: bad input is one line and
 * exit code 2; anything else is a bug or an outage, reported with its stack trace, exit code 3.
 */
final class Failures implements IExecutionExceptionHandler {

  static final int BAD_INPUT = 2;
  static final int FAILED = 3;

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
      command.getErr().println("error: " + e.getMessage());
      return BAD_INPUT;
    }
    command.getErr().println("error: " + e.getMessage());
    e.printStackTrace(command.getErr());
    return FAILED;
  }
}
