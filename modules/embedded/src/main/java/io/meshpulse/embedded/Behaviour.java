package io.meshpulse.embedded;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * How a simulated agent answers, at the TCP and HTTP level. Each behaviour is a value and a pure
 * function of the request ({@link #reply}), so a run can be reproduced; an agent's behaviour can be
 * changed at runtime ({@link SimulatedAgent#setBehaviour}). The {@code P}-numbers refer to the prober
 * cases in {@code shared/cases/prober.md}.
 */
public sealed interface Behaviour {

  /** {@code {"status":"ok"}} */
  String OK = "{\"status\":\"ok\"}";
  /** {@code {"status":"degraded"}} */
  String DEGRADED = "{\"status\":\"degraded\"}";
  /** {@code {"status":"error"}} */
  String ERROR = "{\"status\":\"error\"}";

  /** What the agent does with this request. */
  Reply reply(RequestContext request);

  /** Whether the agent listens at all; {@code false} means connections are refused. */
  default boolean acceptsConnections() {
    return true;
  }

  /** After {@code latency}, {@code 200 {"status":"ok"}}. */
  static Behaviour healthy(Duration latency) {
    return new Healthy(latency);
  }

  /** {@link #healthy} with a latency large enough to matter (seconds, typically). */
  static Behaviour slow(Duration latency) {
    return new Healthy(latency);
  }

  /**
   * After {@code latency}, {@code 500 {"status":"error"}} with probability {@code p}, else {@code 200
   * {"status":"ok"}}. The outcome of the n-th request depends only on {@code seed} and n.
   */
  static Behaviour flaky(double p, Duration latency, long seed) {
    return new Flaky(p, latency, seed);
  }

  /** Connection refused: the listener and open connections are closed; a later up behaviour re-binds the same address and port. */
  static Behaviour down() {
    return new Down();
  }

  /** Accepts and reads the request, never answers. */
  static Behaviour hung() {
    return new Hung();
  }

  /** After {@code latency}, {@code 200 {"status":"degraded"}}. */
  static Behaviour degraded(Duration latency) {
    return new Degraded(latency);
  }

  /**
   * P1: answers like a healthy agent, but a request on a connection idle for longer than {@code idle} gets
   * the connection closed without a response (RST when {@code reset}, else FIN), as a NAT or load
   * balancer that silently dropped the connection would. The first request on a connection is answered.
   */
  static Behaviour dropsIdleConnections(Duration idle, boolean reset) {
    return new DropsIdleConnections(idle, reset, Duration.ZERO);
  }

  /** {@link #dropsIdleConnections(Duration, boolean)}, answering after {@code latency}. */
  static Behaviour dropsIdleConnections(Duration idle, boolean reset, Duration latency) {
    return new DropsIdleConnections(idle, reset, latency);
  }

  /** P2: {@code 200} with {@code Content-Length: 0}, connection kept alive. */
  static Behaviour emptyOk() {
    return new EmptyOk();
  }

  /** P3: reads the request, closes the connection without writing anything. */
  static Behaviour closesWithoutResponse() {
    return new ClosesWithoutResponse();
  }

  /** P4: {@code 204} with {@code Content-Encoding: gzip} and no body. */
  static Behaviour noContentGzip() {
    return new NoContentGzip();
  }

  /** P5: {@code 302} to its own URL, forever. */
  static Behaviour redirectLoop() {
    return new RedirectLoop();
  }

  /**
   * P5, without a repeated URL: {@code 302} to its own URL with a new {@code hop} query parameter each
   * time, forever, so only a bound on the number of redirects stops a client (not loop detection).
   */
  static Behaviour redirectChain() {
    return new RedirectChain();
  }

  /** P6: {@code 200} with a large {@code Content-Length} at once, then one body byte every {@code every}, forever. */
  static Behaviour trickle(Duration every) {
    return new Trickle(every);
  }

  /** P7: {@code 200} with a chunked body of {@code bytes} bytes, written as fast as the client reads. */
  static Behaviour hugeBody(long bytes) {
    return new HugeBody(bytes);
  }

  /** {@code code} with {@code body} as {@code application/json}, at once. */
  static Behaviour status(int code, String body) {
    return new Status(code, body);
  }

  /**
   * {@code 200 {"status":"ok"}} to a request with HTTP Basic credentials {@code user}:{@code password};
   * {@code 401} with a {@code WWW-Authenticate} challenge to any other.
   */
  static Behaviour basicAuth(String user, String password) {
    return new BasicAuth(user, password);
  }

  /** {@code 302} to {@code location}, e.g. another agent's URL. */
  static Behaviour redirectTo(String location) {
    return new RedirectTo(location);
  }

  /** See {@link #healthy}. */
  record Healthy(Duration latency) implements Behaviour {
    public Healthy {
      Arguments.requireNotNegative("latency", latency);
    }

    @Override
    public Reply reply(RequestContext request) {
      return new Reply.Send(latency, Response.json(200, OK));
    }
  }

  /** See {@link #flaky}. */
  record Flaky(double failureProbability, Duration latency, long seed) implements Behaviour {
    public Flaky {
      if (!(failureProbability >= 0 && failureProbability <= 1)) {
        throw new IllegalArgumentException("failure probability: must be within 0..1, got " + failureProbability);
      }
      Arguments.requireNotNegative("latency", latency);
    }

    @Override
    public Reply reply(RequestContext request) {
      boolean fails = new SplittableRandom(seed + request.sequence() * 0x9E3779B97F4A7C15L).nextDouble() < failureProbability;
      return new Reply.Send(latency, fails ? Response.json(500, ERROR) : Response.json(200, OK));
    }
  }

  /** See {@link #down}. */
  record Down() implements Behaviour {
    @Override
    public Reply reply(RequestContext request) {
      return new Reply.Close(false);
    }

    @Override
    public boolean acceptsConnections() {
      return false;
    }
  }

  /** See {@link #hung}. */
  record Hung() implements Behaviour {
    @Override
    public Reply reply(RequestContext request) {
      return new Reply.Silence();
    }
  }

  /** See {@link #degraded}. */
  record Degraded(Duration latency) implements Behaviour {
    public Degraded {
      Arguments.requireNotNegative("latency", latency);
    }

    @Override
    public Reply reply(RequestContext request) {
      return new Reply.Send(latency, Response.json(200, DEGRADED));
    }
  }

  /** See {@link #dropsIdleConnections}. */
  record DropsIdleConnections(Duration idle, boolean reset, Duration latency) implements Behaviour {
    public DropsIdleConnections {
      Arguments.requireNotNegative("idle", idle);
      Arguments.requireNotNegative("latency", latency);
    }

    @Override
    public Reply reply(RequestContext request) {
      if (!request.firstOnConnection() && request.idle().compareTo(idle) > 0) {
        return new Reply.Close(reset);
      }
      return new Reply.Send(latency, Response.json(200, OK));
    }
  }

  /** See {@link #emptyOk}. */
  record EmptyOk() implements Behaviour {
    @Override
    public Reply reply(RequestContext request) {
      return new Reply.Send(Duration.ZERO, Response.empty(200));
    }
  }

  /** See {@link #closesWithoutResponse}. */
  record ClosesWithoutResponse() implements Behaviour {
    @Override
    public Reply reply(RequestContext request) {
      return new Reply.Close(false);
    }
  }

  /** See {@link #noContentGzip}. */
  record NoContentGzip() implements Behaviour {
    @Override
    public Reply reply(RequestContext request) {
      return new Reply.Send(Duration.ZERO, Response.empty(204).withHeader("Content-Encoding", "gzip"));
    }
  }

  /** See {@link #redirectLoop}. */
  record RedirectLoop() implements Behaviour {
    @Override
    public Reply reply(RequestContext request) {
      return new Reply.Send(Duration.ZERO, Response.empty(302).withHeader("Location", request.url()));
    }
  }

  /** See {@link #redirectChain}. */
  record RedirectChain() implements Behaviour {
    @Override
    public Reply reply(RequestContext request) {
      String next = request.url() + "?hop=" + (request.sequence() + 1);
      return new Reply.Send(Duration.ZERO, Response.empty(302).withHeader("Location", next));
    }
  }

  /** See {@link #trickle}. */
  record Trickle(Duration every) implements Behaviour {
    /** The announced body length: more than a trickle ever delivers. */
    static final long ANNOUNCED_LENGTH = 1L << 40;

    public Trickle {
      Arguments.requirePositive("every", every);
    }

    @Override
    public Reply reply(RequestContext request) {
      Response head = new Response(200, List.of(
          new Response.Header("Content-Type", "application/json"),
          new Response.Header("Content-Length", Long.toString(ANNOUNCED_LENGTH))), "");
      return new Reply.Drip(head, every);
    }
  }

  /** See {@link #hugeBody}. */
  record HugeBody(long bytes) implements Behaviour {
    public HugeBody {
      if (bytes < 0) {
        throw new IllegalArgumentException("bytes: must not be negative, got " + bytes);
      }
    }

    @Override
    public Reply reply(RequestContext request) {
      Response head = new Response(200, List.of(
          new Response.Header("Content-Type", "application/octet-stream"),
          new Response.Header("Transfer-Encoding", "chunked")), "");
      return new Reply.Stream(head, bytes);
    }
  }

  /** See {@link #status}. */
  record Status(int code, String body) implements Behaviour {
    public Status {
      if (code < 100 || code > 599) {
        throw new IllegalArgumentException("status code: must be 100..599, got " + code);
      }
      Objects.requireNonNull(body, "body");
    }

    @Override
    public Reply reply(RequestContext request) {
      return new Reply.Send(Duration.ZERO, Response.json(code, body));
    }
  }

  /** See {@link #basicAuth}. */
  record BasicAuth(String user, String password) implements Behaviour {
    public BasicAuth {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public Reply reply(RequestContext request) {
      String expected = "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      if (request.request().header("authorization").filter(expected::equals).isPresent()) {
        return new Reply.Send(Duration.ZERO, Response.json(200, OK));
      }
      return new Reply.Send(Duration.ZERO, Response.json(401, ERROR).withHeader("WWW-Authenticate", "Basic realm=\"agent\""));
    }
  }

  /** See {@link #redirectTo}. */
  record RedirectTo(String location) implements Behaviour {
    public RedirectTo {
      Objects.requireNonNull(location, "location");
    }

    @Override
    public Reply reply(RequestContext request) {
      return new Reply.Send(Duration.ZERO, Response.empty(302).withHeader("Location", location));
    }
  }
}
