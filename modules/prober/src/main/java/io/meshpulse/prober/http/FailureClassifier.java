package io.meshpulse.prober.http;

import io.meshpulse.schema.FailureKind;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.CircularRedirectException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.RedirectException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.NoHttpResponseException;

/** Turns a transport exception into a failure kind and a message a person can act on. */
final class FailureClassifier {

  private FailureClassifier() {}

  static ProbeFailure classify(Throwable thrown) {
    Throwable t = unwrap(thrown);
    if (t instanceof UnknownHostException) {
      return new ProbeFailure(FailureKind.DNS, "cannot resolve host " + t.getMessage());
    }
    if (t instanceof ConnectTimeoutException) {
      return new ProbeFailure(FailureKind.TIMEOUT, "connect timeout: " + t.getMessage());
    }
    if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
      return new ProbeFailure(FailureKind.CONNECT, connectMessage(t));
    }
    if (t instanceof SSLException) {
      return new ProbeFailure(FailureKind.TLS, "TLS: " + t.getMessage());
    }
    if (t instanceof CircularRedirectException) {
      return new ProbeFailure(FailureKind.REDIRECT, "too many redirects: redirect loop (" + t.getMessage() + ")");
    }
    if (t instanceof RedirectException) {
      return new ProbeFailure(FailureKind.REDIRECT, "too many redirects: " + t.getMessage());
    }
    if (closedBeforeResponse(t)) {
      return new ProbeFailure(FailureKind.PROTOCOL, "connection closed before response (" + describe(t) + ")");
    }
    if (t instanceof HttpException) {
      return new ProbeFailure(FailureKind.PROTOCOL, "protocol error: " + describe(t));
    }
    return new ProbeFailure(FailureKind.OTHER, describe(t));
  }

  /** The peer closed or reset the connection before a response head arrived. */
  static boolean closedBeforeResponse(Throwable thrown) {
    Throwable t = unwrap(thrown);
    if (t instanceof ConnectionClosedException || t instanceof NoHttpResponseException) {
      return true;
    }
    if (t instanceof SocketException && !(t instanceof ConnectException)) {
      String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      return message.contains("reset") || message.contains("broken pipe") || message.contains("closed");
    }
    return false;
  }

  private static String connectMessage(Throwable t) {
    String message = String.valueOf(t.getMessage());
    return message.toLowerCase(Locale.ROOT).contains("refused") ? "connection refused" : "cannot connect: " + message;
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }

  private static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while ((current instanceof ExecutionException || current instanceof CompletionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
