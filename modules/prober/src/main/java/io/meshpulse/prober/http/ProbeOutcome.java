package io.meshpulse.prober.http;

/**
 * What the transport saw of one check, before any verdict: a reply, or the failure that
 * stopped it. All instants are {@code System.nanoTime()} readings, so durations never go
 * negative whatever the wall clock does.
 *
 * @param reply       the response (its body cut at the cap), or null when none completed
 * @param failure     why no reply completed, or null
 * @param headStatus  the status of the response head, when one arrived (also when its body was
 *     then cut by the timeout); 0 when none did
 * @param startNanos  when the check started (its timeout counts from here)
 * @param sentNanos   when the request was handed to a connection; 0 if it never was
 * @param firstByteNanos when the response head arrived; 0 if it did not
 * @param endNanos    when the check ended (reply complete, failure, or timeout)
 * @param attempts    1, or 2 when a reused connection failed before any response byte
 */
public record ProbeOutcome(HttpReply reply, ProbeFailure failure, int headStatus, long startNanos, long sentNanos,
    long firstByteNanos, long endNanos, int attempts) {

  /** The HTTP status the agent answered with, or null when no response head arrived. */
  public Integer httpStatus() {
    if (reply != null) {
      return reply.status();
    }
    return headStatus == 0 ? null : headStatus;
  }

  /** From sending the request (or, if it was never sent, from the start) to the end. */
  public double responseTimeMs() {
    long from = sentNanos > 0 ? sentNanos : startNanos;
    return Math.max(0, endNanos - from) / 1e6;
  }

  /** From sending the request to the response head; null when no head arrived. */
  public Double firstByteMs() {
    if (firstByteNanos == 0 || sentNanos == 0) {
      return null;
    }
    return Math.max(0, firstByteNanos - sentNanos) / 1e6;
  }

  /** From the start to sending the request: name resolution, connection lease and connect. */
  public double beforeSendMs() {
    long until = sentNanos > 0 ? sentNanos : endNanos;
    return Math.max(0, until - startNanos) / 1e6;
  }
}
