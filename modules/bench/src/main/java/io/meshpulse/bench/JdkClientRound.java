package io.meshpulse.bench;

import io.meshpulse.schema.AgentCard;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The baseline: the same round done with the JDK's {@code java.net.http} client, all requests sent at
 * once on a kept-alive HTTP/1.1 connection per agent. Its executor is bounded (the default one grows a
 * thread per waiting request: thousands at 10,000 agents).
 */
final class JdkClientRound implements RoundSample.MeasuredRound, AutoCloseable {

  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .executor(executor)
      .build();
  private final List<HttpRequest> requests;

  JdkClientRound(List<AgentCard> agents, Duration timeout) {
    this.requests = agents.stream()
        .map(card -> HttpRequest.newBuilder(URI.create(card.getUrl())).timeout(timeout).GET().build())
        .toList();
  }

  @Override
  public Result run() {
    long start = System.nanoTime();
    List<CompletableFuture<String>> checks = requests.stream()
        .map(request -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle(JdkClientRound::problem))
        .toList();
    CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).join();
    double wallMs = (System.nanoTime() - start) / 1e6;
    List<String> problems = checks.stream().map(CompletableFuture::join).filter(p -> !p.isEmpty()).toList();
    return Result.of(wallMs, checks.size() - problems.size(), problems.stream());
  }

  /** Empty for a 200, else the status or the exception's class. */
  private static String problem(HttpResponse<String> response, Throwable error) {
    if (error != null) {
      Throwable cause = error.getCause() == null ? error : error.getCause();
      return cause.getClass().getSimpleName();
    }
    return response.statusCode() == 200 ? "" : "HTTP " + response.statusCode();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
