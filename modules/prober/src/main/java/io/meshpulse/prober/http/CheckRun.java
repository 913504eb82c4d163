package io.meshpulse.prober.http;

import io.meshpulse.schema.FailureKind;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.core5.concurrent.FutureCallback;

/**
 * One check of one agent: resolve, send, read, with one deadline over all of it. Completes
 * its result exactly once, whichever comes first of the reply, a failure and the deadline.
 */
final class CheckRun {

  private final HttpProber prober;
  private final URI uri;
  private final Duration timeout;
  private final long startNanos;
  private final Runnable onSent;
  private final CompletableFuture<ProbeOutcome> result = new CompletableFuture<>();
  /** Set once by whichever ends the check first: the reply, a failure, or the deadline. */
  private final AtomicBoolean decided = new AtomicBoolean();

  private volatile ScheduledFuture<?> deadline;
  private volatile Future<HttpReply> inFlight;
  private volatile TimedContext context;
  private volatile CappedBodyConsumer consumer;
  private volatile long firstSentNanos;
  private volatile int attempts;

  CheckRun(HttpProber prober, URI uri, Duration timeout, long startNanos, Runnable onSent) {
    this.prober = prober;
    this.uri = uri;
    this.timeout = timeout;
    this.startNanos = startNanos;
    this.onSent = onSent;
  }

  CompletableFuture<ProbeOutcome> result() {
    return result;
  }

  void start() {
    deadline = prober.deadlines().schedule(this::onDeadline,
        startNanos + timeout.toNanos() - System.nanoTime(), TimeUnit.NANOSECONDS);
    prober.dns().resolveAsync(uri.getHost()).whenComplete((addresses, error) -> {
      if (error != null) {
        finishWithFailure(FailureClassifier.classify(error));
      } else {
        attempt();
      }
    });
  }

  private void attempt() {
    if (decided.get()) {
      return;
    }
    attempts++;
    // a retry goes on a new connection: another pooled one may have been dropped just the same
    context = attempts == 1 ? new TimedContext(onSent) : TimedContext.onFreshConnection(onSent);
    consumer = new CappedBodyConsumer(prober.bodyCap());
    try {
      inFlight = prober.client().execute(SimpleRequestProducer.create(prober.request(uri, context)), consumer, context,
          new Callback(context));
    } catch (RuntimeException e) {
      finishWithFailure(FailureClassifier.classify(e));
    }
    if (decided.get()) {
      abort(); // the deadline passed while the request was being submitted
    }
  }

  private final class Callback implements FutureCallback<HttpReply> {
    private final TimedContext attemptContext;

    Callback(TimedContext attemptContext) {
      this.attemptContext = attemptContext;
    }

    @Override
    public void completed(HttpReply reply) {
      noteSent(attemptContext);
      finish(reply, null);
    }

    @Override
    public void failed(Exception cause) {
      noteSent(attemptContext);
      if (cause instanceof CappedBodyConsumer.BodyCapReached capped) {
        finish(capped.reply(), null);
      } else if (worthOneRetry(cause, attemptContext)) {
        attempt();
      } else {
        finishWithFailure(FailureClassifier.classify(cause));
      }
    }

    @Override
    public void cancelled() {
      // only our deadline cancels, and it has already completed the result
    }
  }

  /**
   * A keep-alive connection the agent (or a middlebox) dropped while idle fails on reuse before
   * any response byte: that says nothing of the agent, so the request goes once more, on a
   * fresh connection. A fresh connection failing the same way is the agent's doing.
   */
  private boolean worthOneRetry(Exception cause, TimedContext attemptContext) {
    return attempts == 1
        && attemptContext.reusedConnection()
        && consumer.firstByteNanos() == 0
        && FailureClassifier.closedBeforeResponse(cause)
        && !decided.get();
  }

  /**
   * On the timer thread: stamps the end and decides, nothing more. Closing the connection and
   * completing the result (whose dependents classify, publish and start checks waiting for a slot)
   * run on another thread, so a wave of timeouts does not make the deadlines behind it late.
   */
  private void onDeadline() {
    long firedNanos = System.nanoTime();
    noteSent(context);
    if (decided.compareAndSet(false, true)) {
      ProbeOutcome timedOut = outcome(null, new ProbeFailure(FailureKind.TIMEOUT, timeoutMessage()), firedNanos);
      prober.afterDeadline().execute(() -> {
        abort();
        result.complete(timedOut);
      });
    }
  }

  /** "timeout after X ms" and how far the check got, which tells a hung agent from a trickling one. */
  private String timeoutMessage() {
    CappedBodyConsumer current = consumer;
    String stage;
    if (firstSentNanos == 0) {
      stage = "request not sent: connecting or TLS handshake";
    } else if (current == null || current.firstByteNanos() == 0) {
      stage = "no response";
    } else {
      stage = "response body incomplete";
    }
    return "timeout after " + timeout.toMillis() + " ms (" + stage + ")";
  }

  /** Ends the exchange and drops its connection: a timed-out connection is never reused. */
  private void abort() {
    if (inFlight != null) {
      inFlight.cancel(true);
    }
    TimedContext current = context;
    if (current != null) {
      current.discardConnection();
    }
  }

  private void noteSent(TimedContext attemptContext) {
    if (firstSentNanos == 0 && attemptContext != null && attemptContext.sentNanos() > 0) {
      firstSentNanos = attemptContext.sentNanos();
    }
  }

  private void finishWithFailure(ProbeFailure failure) {
    finish(null, failure);
  }

  private void finish(HttpReply reply, ProbeFailure failure) {
    CappedBodyConsumer current = consumer;
    long end = current != null && reply != null && current.endNanos() > 0 ? current.endNanos() : System.nanoTime();
    if (complete(reply, failure, end) && deadline != null) {
      deadline.cancel(false);
    }
  }

  private boolean complete(HttpReply reply, ProbeFailure failure, long end) {
    if (!decided.compareAndSet(false, true)) {
      return false;
    }
    result.complete(outcome(reply, failure, end));
    return true;
  }

  private ProbeOutcome outcome(HttpReply reply, ProbeFailure failure, long end) {
    CappedBodyConsumer current = consumer;
    long firstByte = current == null ? 0 : current.firstByteNanos();
    int headStatus = current == null ? 0 : current.status();
    return new ProbeOutcome(reply, failure, headStatus, startNanos, firstSentNanos, firstByte, end,
        Math.max(1, attempts));
  }
}
