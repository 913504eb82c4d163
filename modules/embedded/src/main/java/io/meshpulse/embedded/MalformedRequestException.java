package io.meshpulse.embedded;

/** The client sent bytes that are not an HTTP/1.x request head this simulator understands. */
final class MalformedRequestException extends Exception {

  MalformedRequestException(String message) {
    super(message);
  }
}
