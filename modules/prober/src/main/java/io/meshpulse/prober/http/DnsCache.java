package io.meshpulse.prober.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Name resolution off the connect path. The client resolves synchronously while connecting, so
 * a slow resolver would serialise a round; checks resolve here first, on a small pool of their
 * own, and the client then reads the cache. Answers are kept for {@code ttl} (the JVM gives no
 * record TTLs; the default matches its own 30 s cache), failures for at most 10 s.
 */
final class DnsCache implements DnsResolver {

  private static final Duration MAX_NEGATIVE_TTL = Duration.ofSeconds(10);

  private record Entry(InetAddress[] addresses, UnknownHostException failure, long expiresNanos) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<InetAddress[]>> pending = new ConcurrentHashMap<>();
  private final long ttlNanos;
  private final long negativeTtlNanos;
  private final Executor resolvers;

  DnsCache(Duration ttl, Executor resolvers) {
    this.ttlNanos = ttl.toNanos();
    this.negativeTtlNanos = Math.min(ttlNanos, MAX_NEGATIVE_TTL.toNanos());
    this.resolvers = resolvers;
  }

  /** Completes at once for an IP literal or a fresh entry; otherwise resolves on the pool. */
  CompletableFuture<InetAddress[]> resolveAsync(String host) {
    Entry entry = fresh(host);
    if (entry != null) {
      return entry.failure == null
          ? CompletableFuture.completedFuture(entry.addresses)
          : CompletableFuture.failedFuture(entry.failure);
    }
    if (isIpLiteral(host)) {
      return CompletableFuture.supplyAsync(() -> literal(host), Runnable::run);
    }
    return pending.computeIfAbsent(host, h -> CompletableFuture
        .supplyAsync(() -> lookup(h), resolvers)
        .whenComplete((addresses, error) -> pending.remove(h)));
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    Entry entry = fresh(host);
    if (entry == null) {
      return isIpLiteral(host) ? SystemDefaultDnsResolver.INSTANCE.resolve(host) : lookupOrThrow(host);
    }
    if (entry.failure != null) {
      throw entry.failure;
    }
    return entry.addresses;
  }

  @Override
  public String resolveCanonicalHostname(String host) throws UnknownHostException {
    return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
  }

  private Entry fresh(String host) {
    Entry entry = entries.get(host);
    return entry != null && entry.expiresNanos - System.nanoTime() > 0 ? entry : null;
  }

  private InetAddress[] lookup(String host) {
    try {
      return lookupOrThrow(host);
    } catch (UnknownHostException e) {
      throw new java.util.concurrent.CompletionException(e);
    }
  }

  private InetAddress[] lookupOrThrow(String host) throws UnknownHostException {
    try {
      InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
      entries.put(host, new Entry(addresses, null, System.nanoTime() + ttlNanos));
      return addresses;
    } catch (UnknownHostException e) {
      entries.put(host, new Entry(null, e, System.nanoTime() + negativeTtlNanos));
      throw e;
    }
  }

  private static InetAddress[] literal(String host) {
    try {
      return SystemDefaultDnsResolver.INSTANCE.resolve(host);
    } catch (UnknownHostException e) {
      throw new java.util.concurrent.CompletionException(e);
    }
  }

  static boolean isIpLiteral(String host) {
    return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
  }
}
