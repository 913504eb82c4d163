package io.meshpulse.prober.http;

/**
 * A response as the prober read it: the head, and at most the body cap of the body.
 *
 * @param truncated the body was longer than the cap; {@code body} holds its first bytes
 */
public record HttpReply(int status, String contentType, String contentEncoding, byte[] body, boolean truncated) {

  public HttpReply {
    body = body == null ? new byte[0] : body;
  }

  public boolean hasBody() {
    return body.length > 0;
  }
}
