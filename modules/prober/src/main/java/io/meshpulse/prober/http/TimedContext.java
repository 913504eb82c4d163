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

  private volatile long sentNanos;
  private volatile boolean reusedConnection;
  private volatile AsyncExecRuntime runtime;

  @Override
  public void setEndpointDetails(EndpointDetails details) {
    super.setEndpointDetails(details);
    if (details != null && sentNanos == 0) {
      sentNanos = System.nanoTime();
      // the connection's counters are live: requests it carried before this one
      reusedConnection = details.getRequestCount() > 0;
    }
  }

  void attach(AsyncExecRuntime execRuntime) {
    this.runtime = execRuntime;
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
