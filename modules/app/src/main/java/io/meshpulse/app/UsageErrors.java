package io.meshpulse.app;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * A command line picocli cannot parse (unknown option, bad port, missing value): one line naming
 * the option, and where to look, exit code 2; the same shape as every other bad input.
 */
final class UsageErrors implements IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    command.getErr().println("error: " + message(e) + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
    return Failures.BAD_INPUT;
  }

  /** Picocli's own prefix on some of its messages (e.g. a missing one of several options), said once already. */
  private static final String PICOCLI_PREFIX = "Error: ";

  private static String message(ParameterException e) {
    if (e.getCause() instanceof TypeConversionException conversion && e.getArgSpec() instanceof OptionSpec option) {
      return option.longestName() + ": " + conversion.getMessage();
    }
    String message = String.valueOf(e.getMessage());
    return message.startsWith(PICOCLI_PREFIX) ? message.substring(PICOCLI_PREFIX.length()) : message;
  }
}
