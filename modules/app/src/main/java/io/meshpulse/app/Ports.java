package io.meshpulse.app;

import io.meshpulse.schema.config.ConfigException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** TCP ports as options take them: 0 to 65535 (0: a free one), checked when the command line is parsed. */
final class Ports implements ITypeConverter<Integer> {

  static final int MAX = 65_535;

  @Override
  public Integer convert(String value) {
    try {
      return require(Integer.parseInt(value.trim()), value);
    } catch (NumberFormatException e) {
      throw new TypeConversionException("expected a port number from 0 to " + MAX + ", got '" + value + "'");
    }
  }

  private static int require(int port, String text) {
    if (port < 0 || port > MAX) {
      throw new TypeConversionException("expected a port number from 0 to " + MAX + ", got '" + text + "'");
    }
    return port;
  }

  /**
   * Fails naming {@code option} when {@code host:port} is taken, before anything else is started
   * on the assumption that it is free. (A race with another process remains; the later bind reports it.)
   */
  static void requireFree(String option, String host, int port) {
    if (port == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(InetAddress.getByName(host), port));
    } catch (IOException e) {
      throw notListening(option, host, port, e);
    }
  }

  /**
   * Fails naming {@code option} when {@code host} is not an address this machine can listen on:
   * not resolvable, or not one of its own. Checked before anything starts.
   */
  static void requireListenable(String option, String host) {
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw unresolvable(option, host);
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(address, 0));
    } catch (IOException e) {
      throw new ConfigException(option, "cannot listen on " + host + ": " + reason(e));
    }
  }

  /** The one-line error for a port that cannot be listened on: in use, or an address not of this machine. */
  static ConfigException notListening(String option, String host, int port, Throwable failure) {
    return notListening(option, option, host, port, failure);
  }

  /**
   * As above, for a host and a port given as two options: a port in use is named as
   * {@code portOption}; an address that cannot be resolved or is not of this machine, as {@code hostOption}.
   */
  static ConfigException notListening(String hostOption, String portOption, String host, int port, Throwable failure) {
    Throwable cause = failure;
    while (!(cause instanceof BindException || cause instanceof UnresolvedAddressException
        || cause instanceof UnknownHostException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
      return unresolvable(hostOption, host);
    }
    if (String.valueOf(cause.getMessage()).contains("in use")) {
      return new ConfigException(portOption, "port " + port + " is already in use on " + host);
    }
    return new ConfigException(hostOption, "cannot listen on " + host + ":" + port + ": " + reason(cause));
  }

  private static ConfigException unresolvable(String option, String host) {
    return new ConfigException(option, "cannot resolve '" + host + "' to an address of this machine");
  }

  private static String reason(Throwable t) {
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }
}
