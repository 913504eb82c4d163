package io.meshpulse.embedded;

import java.nio.channels.SelectionKey;

/** The attachment of a selection key: what the event loop calls when the channel is ready. */
interface IoHandler {

  /** Handles readiness; expected I/O failures are handled here (typically by closing the channel). */
  void onReady(SelectionKey key);

  /** Closes the channel after an unexpected failure in {@link #onReady}. */
  void abort();
}
