package io.meshpulse.prober.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Reads a response head and at most {@code cap} bytes of its body. A longer body ends the
 * exchange with {@link BodyCapReached}, which carries the reply so far: the verdict is made on
 * the prefix and the connection is dropped rather than drained (a body may never end).
 * Nothing is decoded here; 204/304 and other bodiless responses complete at the head.
 *
 * <p>A complete reply is handed on only in {@link #releaseResources()}, which the client calls just
 * after it gave the connection back to the pool: a check that ends is followed at once by the next
 * one on the same connection, never by a second connection opened because the first was not back yet.
 */
final class CappedBodyConsumer implements AsyncResponseConsumer<HttpReply> {

  private final int cap;
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private volatile long firstByteNanos;
  private volatile int status;
  private volatile long endNanos;
  private HttpResponse head;
  private volatile FutureCallback<HttpReply> callback;
  private volatile HttpReply complete;

  CappedBodyConsumer(int cap) {
    this.cap = cap;
  }

  @Override
  public void consumeResponse(HttpResponse response, EntityDetails entity, HttpContext context,
      FutureCallback<HttpReply> resultCallback) {
    firstByteNanos = System.nanoTime();
    head = response;
    status = response.getCode();
    callback = resultCallback;
    if (entity == null) {
      endNanos = firstByteNanos;
      complete = reply(false);
    }
  }

  @Override
  public void informationResponse(HttpResponse response, HttpContext context) {
    // 1xx responses carry no verdict
  }

  @Override
  public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
    capacityChannel.update(cap + 1);
  }

  @Override
  public void consume(ByteBuffer src) throws IOException {
    int room = cap - body.size();
    int take = Math.min(room, src.remaining());
    byte[] chunk = new byte[take];
    src.get(chunk);
    body.write(chunk);
    if (src.hasRemaining()) {
      endNanos = System.nanoTime();
      throw new BodyCapReached(reply(true));
    }
  }

  @Override
  public void streamEnd(List<? extends Header> trailers) {
    endNanos = System.nanoTime();
    complete = reply(false);
  }

  @Override
  public void failed(Exception cause) {
    // the client reports the failure through the request's future
  }

  @Override
  public void releaseResources() {
    HttpReply done = complete;
    FutureCallback<HttpReply> resultCallback = callback;
    complete = null;
    if (done != null && resultCallback != null) {
      resultCallback.completed(done);
    }
  }

  /** When the response head arrived; 0 if it did not. */
  long firstByteNanos() {
    return firstByteNanos;
  }

  /** The status of the response head; 0 if none arrived. */
  int status() {
    return status;
  }

  /** When the response was complete (or cut at the cap); 0 if it was not. */
  long endNanos() {
    return endNanos;
  }

  private HttpReply reply(boolean truncated) {
    return new HttpReply(head.getCode(), headerValue(HttpHeaders.CONTENT_TYPE),
        headerValue(HttpHeaders.CONTENT_ENCODING), body.toByteArray(), truncated);
  }

  private String headerValue(String name) {
    Header header = head.getFirstHeader(name);
    return header == null ? null : header.getValue();
  }

  /** The body went past the cap: the reply holds its first {@code cap} bytes. */
  static final class BodyCapReached extends IOException {
    private final transient HttpReply reply;

    BodyCapReached(HttpReply reply) {
      super("body longer than " + reply.body().length + " bytes");
      this.reply = reply;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this; // an expected outcome, not a bug: no stack trace
    }

    HttpReply reply() {
      return reply;
    }
  }
}
