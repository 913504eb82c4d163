package io.meshpulse.prober.http;

import java.time.Duration;

/**
 * How the HTTP client is set up for a fleet.
 *
 * @param maxConnections connections the pool may hold in all: at least the number of agents
 *     checked at once, and below the process's open-file limit
 * @param maxConnecting  checks opening a new connection at once; the others wait, untimed, so a
 *     first round over thousands of agents is not a connect storm that times the prober out
 * @param bodyCapBytes   bytes of a body read at most; a longer body is judged on this prefix
 * @param maxRedirects   redirects followed before a check fails with "too many redirects"
 * @param dnsTtl         how long a resolved name is reused
 * @param idleEviction   pooled connections idle longer than this are closed
 * @param ioThreads      I/O reactor threads
 */
public record HttpSettings(int maxConnections, int maxConnecting, int bodyCapBytes, int maxRedirects, Duration dnsTtl,
    Duration idleEviction, int ioThreads) {

  public static final int DEFAULT_BODY_CAP = 64 * 1024;
  public static final int DEFAULT_MAX_CONNECTING = 256;

  public HttpSettings {
    require(maxConnections > 0, "max-connections must be positive");
    require(maxConnecting > 0, "max-connecting must be positive");
    require(bodyCapBytes > 0, "body-cap must be positive");
    require(maxRedirects >= 0, "max-redirects must not be negative");
    require(ioThreads > 0, "io-threads must be positive");
  }

  public static HttpSettings defaults() {
    return new HttpSettings(10_000, DEFAULT_MAX_CONNECTING, DEFAULT_BODY_CAP, 5, Duration.ofSeconds(30),
        Duration.ofMinutes(2), Runtime.getRuntime().availableProcessors());
  }

  public HttpSettings withMaxConnections(int max) {
    return new HttpSettings(max, maxConnecting, bodyCapBytes, maxRedirects, dnsTtl, idleEviction, ioThreads);
  }

  public HttpSettings withBodyCap(int bytes) {
    return new HttpSettings(maxConnections, maxConnecting, bytes, maxRedirects, dnsTtl, idleEviction, ioThreads);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
