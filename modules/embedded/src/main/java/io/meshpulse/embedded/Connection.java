package io.meshpulse.embedded;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted connection of a simulated agent: reads requests, carries out the {@link Reply} of the
 * agent's behaviour, one request at a time (pipelined requests wait in the parser). Loop thread only.
 */
final class Connection implements IoHandler {

  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
  private static final ByteBuffer ONE_BYTE = ByteBuffer.wrap("x".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();

  private enum Phase { IDLE, ANSWERING, SILENT, CLOSED }

  private final SocketChannel channel;
  private final SelectionKey key;
  private final AgentEndpoint endpoint;
  private final RequestParser parser = new RequestParser();
  private Phase phase = Phase.IDLE;
  private boolean answeredBefore;
  private boolean inputClosed;
  private long idleSince;
  private long lastWrite;
  private Request current;
  private ByteBuffer pending;
  private ChunkedBody body;
  private Runnable afterFlush;
  private Timers.Timer timer;

  Connection(SocketChannel channel, SelectionKey key, AgentEndpoint endpoint) {
    this.channel = channel;
    this.key = key;
    this.endpoint = endpoint;
    this.idleSince = endpoint.ticks();
  }

  @Override
  public void onReady(SelectionKey readyKey) {
    try {
      if (readyKey.isReadable()) {
        readInput();
      }
      if (phase != Phase.CLOSED && readyKey.isValid() && readyKey.isWritable()) {
        flush();
      }
    } catch (IOException e) {
      LOG.debug("agent {}: connection failed: {}", endpoint.agentName(), e.toString());
      close(false);
    }
  }

  @Override
  public void abort() {
    close(false);
  }

  /** Closes the connection: a FIN, or an RST when {@code reset}. */
  void close(boolean reset) {
    if (phase == Phase.CLOSED) {
      return;
    }
    phase = Phase.CLOSED;
    if (timer != null) {
      timer.cancel();
    }
    pending = null;
    body = null;
    afterFlush = null;
    try {
      if (reset) {
        channel.setOption(StandardSocketOptions.SO_LINGER, 0);
      }
      channel.close();
    } catch (IOException e) {
      LOG.debug("agent {}: close failed: {}", endpoint.agentName(), e.toString());
    }
    endpoint.closed(this);
  }

  @Override
  public String toString() {
    return "connection of agent " + endpoint.agentName() + " (" + phase + ")";
  }

  private void readInput() throws IOException {
    ByteBuffer buffer = endpoint.loop().readBuffer();
    if (channel.read(buffer) < 0) {
      endOfInput();
      return;
    }
    if (phase == Phase.SILENT) {
      return;
    }
    try {
      parser.feed(buffer.flip());
    } catch (MalformedRequestException e) {
      if (phase == Phase.IDLE) {
        badRequest(e);
      } else {
        close(false);
      }
      return;
    }
    processInput();
  }

  private void endOfInput() {
    inputClosed = true;
    if (phase == Phase.ANSWERING) {
      key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
    } else {
      close(false);
    }
  }

  private void processInput() {
    if (phase != Phase.IDLE) {
      return;
    }
    Optional<Request> request;
    try {
      request = parser.next();
    } catch (MalformedRequestException e) {
      badRequest(e);
      return;
    }
    if (request.isPresent()) {
      answer(request.get());
    } else if (inputClosed) {
      close(false);
    }
  }

  private void answer(Request request) {
    phase = Phase.ANSWERING;
    current = request;
    Duration idle = Duration.ofNanos(endpoint.ticks() - idleSince);
    Reply reply = endpoint.replyTo(request, !answeredBefore, idle);
    answeredBefore = true;
    perform(reply);
  }

  private void perform(Reply reply) {
    if (reply instanceof Reply.Send send) {
      after(send.delay(), () -> write(send.response().encode(current), this::responseDone));
    } else if (reply instanceof Reply.Drip drip) {
      write(drip.head().encode(current), () -> drip(drip.every()));
    } else if (reply instanceof Reply.Stream stream) {
      body = new ChunkedBody(stream.bytes());
      write(stream.head().encode(current), this::responseDone);
    } else if (reply instanceof Reply.Close close) {
      close(close.reset());
    } else if (reply instanceof Reply.Silence) {
      phase = Phase.SILENT;
      parser.discardAll();
    }
  }

  private void drip(Duration every) {
    after(every, () -> write(ONE_BYTE.duplicate(), () -> drip(every)));
  }

  private void badRequest(MalformedRequestException e) {
    LOG.debug("agent {}: bad request: {}", endpoint.agentName(), e.getMessage());
    phase = Phase.ANSWERING;
    parser.discardAll();
    write(Response.json(400, "{\"error\":\"bad request\"}").encodeClosing(), () -> close(false));
  }

  private void responseDone() {
    if (!current.keepAlive() || inputClosed) {
      close(false);
      return;
    }
    phase = Phase.IDLE;
    current = null;
    idleSince = lastWrite;
    if (parser.hasBufferedBytes()) {
      endpoint.loop().execute(this::processInput);
    }
  }

  private void after(Duration delay, Runnable action) {
    if (delay.isZero()) {
      action.run();
      return;
    }
    timer = endpoint.loop().schedule(delay, () -> {
      timer = null;
      if (phase != Phase.CLOSED) {
        action.run();
      }
    });
  }

  private void write(ByteBuffer bytes, Runnable then) {
    pending = bytes;
    afterFlush = then;
    flush();
  }

  /** Writes what is pending, then the chunked body if any, then runs what comes after; waits for OP_WRITE when the socket is full. */
  private void flush() {
    try {
      while (writePending()) {
        if (body == null || (pending = body.next()) == null) {
          body = null;
          writeInterest(false);
          Runnable next = afterFlush;
          afterFlush = null;
          if (next != null) {
            next.run();
          }
          return;
        }
      }
      writeInterest(true);
    } catch (IOException e) {
      LOG.debug("agent {}: write failed: {}", endpoint.agentName(), e.toString());
      close(false);
    }
  }

  /** @return whether everything pending was written */
  private boolean writePending() throws IOException {
    if (pending != null) {
      lastWrite = endpoint.ticks(); // before the bytes can reach the client: idleness starts no later than it sees the answer
      channel.write(pending);
      if (pending.hasRemaining()) {
        return false;
      }
      pending = null;
    }
    return true;
  }

  private void writeInterest(boolean on) {
    if (!key.isValid()) {
      return;
    }
    int ops = key.interestOps();
    int wanted = on ? ops | SelectionKey.OP_WRITE : ops & ~SelectionKey.OP_WRITE;
    if (wanted != ops) {
      key.interestOps(wanted);
    }
  }
}
