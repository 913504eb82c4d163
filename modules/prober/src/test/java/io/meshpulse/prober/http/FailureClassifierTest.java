package io.meshpulse.prober.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.schema.FailureKind;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.CircularRedirectException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.RedirectException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.ProtocolException;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {

  @Test
  void unknownHostIsDns() {
    ProbeFailure f = FailureClassifier.classify(new UnknownHostException("nonexistent.invalid"));

    assertEquals(FailureKind.DNS, f.kind());
    assertEquals("cannot resolve host nonexistent.invalid", f.message());
  }

  @Test
  void refusedConnectIsConnect() {
    ProbeFailure f = FailureClassifier.classify(new ConnectException("Connection refused"));

    assertEquals(FailureKind.CONNECT, f.kind());
    assertEquals("connection refused", f.message());
  }

  @Test
  void otherConnectFailureKeepsItsReason() {
    ProbeFailure f = FailureClassifier.classify(new ConnectException("Network is unreachable"));

    assertEquals(FailureKind.CONNECT, f.kind());
    assertEquals("cannot connect: Network is unreachable", f.message());
  }

  @Test
  void connectTimeoutIsTimeout() {
    assertEquals(FailureKind.TIMEOUT, FailureClassifier.classify(new ConnectTimeoutException("10.0.0.1:80")).kind());
  }

  @Test
  void handshakeFailureIsTls() {
    ProbeFailure f = FailureClassifier.classify(new SSLHandshakeException("PKIX path building failed"));

    assertEquals(FailureKind.TLS, f.kind());
    assertTrue(f.message().startsWith("TLS: "), f.message());
  }

  @Test
  void redirectsAreRedirect() {
    ProbeFailure loop = FailureClassifier.classify(new CircularRedirectException("Circular redirect to 'http://a/'"));
    ProbeFailure many = FailureClassifier.classify(new RedirectException("Maximum redirects (5) exceeded"));

    assertEquals(FailureKind.REDIRECT, loop.kind());
    assertTrue(loop.message().startsWith("too many redirects"), loop.message());
    assertEquals(FailureKind.REDIRECT, many.kind());
    assertTrue(many.message().startsWith("too many redirects"), many.message());
  }

  @Test
  void closeOrResetBeforeTheResponseIsProtocol() {
    for (Exception e : new Exception[] {new ConnectionClosedException(), new NoHttpResponseException("no response"),
        new SocketException("Connection reset")}) {
      ProbeFailure f = FailureClassifier.classify(e);

      assertEquals(FailureKind.PROTOCOL, f.kind(), e.toString());
      assertTrue(f.message().startsWith("connection closed before response"), f.message());
      assertTrue(FailureClassifier.closedBeforeResponse(e), e.toString());
    }
  }

  @Test
  void malformedResponseIsProtocol() {
    ProbeFailure f = FailureClassifier.classify(new ProtocolException("Invalid response line"));

    assertEquals(FailureKind.PROTOCOL, f.kind());
    assertEquals("protocol error: Invalid response line", f.message());
  }

  @Test
  void refusedConnectIsNotAClosedConnection() {
    assertFalse(FailureClassifier.closedBeforeResponse(new ConnectException("Connection refused")));
  }

  @Test
  void wrappersAreLookedThrough() {
    Exception wrapped = new ExecutionException(new CompletionException(new UnknownHostException("x.invalid")));

    assertEquals(FailureKind.DNS, FailureClassifier.classify(wrapped).kind());
  }

  @Test
  void anythingElseIsOtherWithItsMessage() {
    ProbeFailure f = FailureClassifier.classify(new IllegalStateException("I/O reactor shut down"));

    assertEquals(FailureKind.OTHER, f.kind());
    assertEquals("I/O reactor shut down", f.message());
  }
}
