package io.meshpulse.prober.http;

import java.io.IOException;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;

/**
 * A link of the client's exec chain, just before the transport, that hands each check's context
 * the runtime holding its connection, so a check past its deadline can drop that connection.
 */
final class ExchangeTracker implements AsyncExecChainHandler {

  @Override
  public void execute(HttpRequest request, AsyncEntityProducer entityProducer, AsyncExecChain.Scope scope,
      AsyncExecChain chain, AsyncExecCallback callback) throws HttpException, IOException {
    if (scope.clientContext instanceof TimedContext timed) {
      timed.attach(scope.execRuntime);
    }
    chain.proceed(request, entityProducer, scope, callback);
  }
}
