package io.meshpulse.prober.http;

import org.apache.hc.client5.http.async.AsyncExecRuntime;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.EndpointDetails;

/**
 * A client context that notes when a request is handed to its connection. The client sets the
 * endpoint details at exactly that moment (connection leased, connected, request about to be
 * written), so it marks the start of the response time: time spent waiting in the prober, for
 * a pooled connection or for a handshake, is not the agent's latency.
 */
final class TimedContext extends HttpClientContext {

  /**
   * A context whose request must go on a new connection, never a pooled one: the pool hands an
   * idle connection only to a lease whose state (the user token) equals the connection's, and
   * drops a mismatched idle one, so a token no connection carries means a fresh connect.
   */
  static TimedContext onFreshConnection(Runnable onSent) {
    TimedContext context = new TimedContext(onSent);
    context.setUserToken(new Object());
    return context;
  }

  private final Runnable onSent;
  private volatile long sentNanos;
  private volatile boolean reusedConnection;
  private volatile AsyncExecRuntime runtime;

  /** @param onSent runs once, when the request is handed to its connection (on the client's thread: keep it short) */
  TimedContext(Runnable onSent) {
    this.onSent = onSent;
  }

  @Override
  public void setEndpointDetails(EndpointDetails details) {
    super.setEndpointDetails(details);
    if (details != null && sentNanos == 0) {
      sentNanos = System.nanoTime();
      // the connection's counters are live: requests it carried before this one
      reusedConnection = details.getRequestCount() > 0;
      onSent.run();
    }
  }

  /** The exchange has its connection: keep its runtime, and let the connection be pooled for any later check. */
  void attach(AsyncExecRuntime execRuntime) {
    this.runtime = execRuntime;
    // a token left in place would tag the connection on release, and the next check would drop it
    setUserToken(null);
  }

  /**
   * Closes the exchange's connection and gives its pool slot back. Cancelling the request is not
   * enough: when a pooled connection is leased at once, HttpClient 5.6 loses the request's hard
   * cancellation, and the connection would stay leased until a hung agent answers.
   */
  void discardConnection() {
    AsyncExecRuntime current = runtime;
    if (current != null) {
      current.discardEndpoint();
    }
  }

  /** {@code System.nanoTime()} when the request went to its connection; 0 if it never did. */
  long sentNanos() {
    return sentNanos;
  }

  /** Whether that connection had carried a request before (a pooled keep-alive connection). */
  boolean reusedConnection() {
    return reusedConnection;
  }
}
