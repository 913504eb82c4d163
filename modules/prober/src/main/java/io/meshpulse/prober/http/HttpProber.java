package io.meshpulse.prober.http;

import io.meshpulse.prober.DaemonThreads;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Checks agents over HTTP with one shared async client (Apache HttpClient 5). Each check has
 * its own deadline, kept by a timer of ours rather than the client's timeouts: those are
 * checked on the reactor's select interval and measure inactivity, so a trickling body would
 * never trip them. Connections are pooled and kept alive across rounds.
 */
public final class HttpProber implements AutoCloseable {

  /** Connect timeout of the client itself: a backstop only, each check's deadline comes first. */
  private static final Timeout CLIENT_CONNECT_TIMEOUT = Timeout.ofMinutes(1);
  /**
   * Each kept-alive connection holds three buffers of this size (in, out, body). The default, 32 KB,
   * makes 10,000 pooled connections take 1 GB of heap; 8 KB holds a health check's request and a
   * response head (header lines are capped at 8 KB anyway) and brings that to a quarter.
   */
  private static final int CONNECTION_BUFFER_BYTES = 8 * 1024;

  private final HttpSettings settings;
  private final CloseableHttpAsyncClient client;
  private final ScheduledThreadPoolExecutor deadlines;
  private final ExecutorService afterDeadline;
  private final ExecutorService resolvers;
  private final DnsCache dns;

  public HttpProber(HttpSettings settings) {
    this.settings = settings;
    this.resolvers = Executors.newFixedThreadPool(4, DaemonThreads.named("meshpulse-dns"));
    this.dns = new DnsCache(settings.dnsTtl(), resolvers);
    this.deadlines = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("meshpulse-deadlines"));
    this.deadlines.setRemoveOnCancelPolicy(true);
    this.deadlines.prestartCoreThread();
    this.afterDeadline = Executors.newSingleThreadExecutor(DaemonThreads.named("meshpulse-timeouts"));
    this.client = buildClient(settings, dns);
    this.client.start();
  }

  /** Checks {@code uri} once; the future never fails, a failure is an outcome. */
  public CompletableFuture<ProbeOutcome> probe(URI uri, Duration timeout) {
    return probe(uri, timeout, () -> { });
  }

  /**
   * As {@link #probe(URI, Duration)}; {@code onSent} runs when the request is handed to its
   * connection (connected, so the connect is over), on a thread of the client: it must be short.
   */
  public CompletableFuture<ProbeOutcome> probe(URI uri, Duration timeout, Runnable onSent) {
    CheckRun run = new CheckRun(this, uri, timeout, System.nanoTime(), onSent);
    run.start();
    return run.result();
  }

  /** The GET for {@code uri}; credentials in its userinfo go into {@code context} as Basic auth for its host. */
  SimpleHttpRequest request(URI uri, HttpClientContext context) {
    BasicAuth.preempt(uri, context);
    return SimpleRequestBuilder.get(BasicAuth.requestUri(uri))
        .addHeader("Accept", "application/json, text/plain;q=0.9, */*;q=0.5")
        .build();
  }

  CloseableHttpAsyncClient client() {
    return client;
  }

  ScheduledThreadPoolExecutor deadlines() {
    return deadlines;
  }

  /** Where a timed-out check is closed and completed, off the timer thread. */
  ExecutorService afterDeadline() {
    return afterDeadline;
  }

  DnsCache dns() {
    return dns;
  }

  int bodyCap() {
    return settings.bodyCapBytes();
  }

  @Override
  public void close() {
    // checks still running are abandoned: their rounds are over
    client.initiateShutdown();
    try {
      client.awaitShutdown(TimeValue.ofSeconds(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    client.close(CloseMode.IMMEDIATE);
    deadlines.shutdownNow();
    afterDeadline.shutdownNow();
    resolvers.shutdownNow();
  }

  private static CloseableHttpAsyncClient buildClient(HttpSettings settings, DnsCache dns) {
    ConnectionConfig connections = ConnectionConfig.custom()
        .setConnectTimeout(CLIENT_CONNECT_TIMEOUT)
        .build();
    var pool = PoolingAsyncClientConnectionManagerBuilder.create()
        .setMaxConnTotal(settings.maxConnections())
        // one kept-alive connection per agent, plus room for a retry on a fresh one
        .setMaxConnPerRoute(2)
        // per-route locking: a fleet is thousands of routes
        .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
        .setDnsResolver(dns)
        .setDefaultConnectionConfig(connections)
        .build();
    RequestConfig requests = RequestConfig.custom()
        .setRedirectsEnabled(true)
        .setMaxRedirects(settings.maxRedirects())
        .setCircularRedirectsAllowed(false)
        .build();
    return HttpAsyncClients.custom()
        .setConnectionManager(pool)
        .setIOReactorConfig(IOReactorConfig.custom()
            .setIoThreadCount(settings.ioThreads())
            .setTcpNoDelay(true)
            .setSoKeepAlive(true)
            .build())
        .setDefaultRequestConfig(requests)
        .setHttp1Config(Http1Config.custom().setBufferSize(CONNECTION_BUFFER_BYTES).build())
        .setUserAgent("meshpulse-prober")
        .addExecInterceptorBefore(ChainElement.MAIN_TRANSPORT.name(), "meshpulse-exchange-tracker",
            new ExchangeTracker())
        // retries are ours: once, and only for a reused connection that failed before any byte
        .disableAutomaticRetries()
        // bodies are judged raw; a 204 with Content-Encoding must not be decoded
        .disableContentCompression()
        .disableCookieManagement()
        .disableAuthCaching()
        .disableConnectionState()
        .evictIdleConnections(TimeValue.of(settings.idleEviction().toMillis(), TimeUnit.MILLISECONDS))
        .build();
  }
}
