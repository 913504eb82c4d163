package io.meshpulse.prober.http;

import java.net.URI;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.auth.BasicScheme;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.HttpHost;

/**
 * Credentials written in an agent's URL ({@code https://user:password@host/health}) are sent as
 * HTTP Basic auth, as curl does: up front, to that scheme, host and port only. The request itself
 * goes without the userinfo (HTTP forbids it there), and a redirect to another host gets no
 * credentials, because the client keys its auth state by target host.
 */
final class BasicAuth {

  private BasicAuth() {}

  /** The URI to request: {@code uri} without its userinfo (and fragment). */
  static URI requestUri(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri;
    }
    String authority = uri.getRawAuthority();
    String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return URI.create(uri.getScheme() + "://" + hostAndPort + path + query);
  }

  /** Makes {@code context} send {@code uri}'s credentials, if it has any, to its host preemptively. */
  static void preempt(URI uri, HttpClientContext context) {
    String userInfo = uri.getUserInfo();
    if (userInfo == null) {
      return;
    }
    int colon = userInfo.indexOf(':');
    String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
    char[] password = colon < 0 ? new char[0] : userInfo.substring(colon + 1).toCharArray();
    BasicScheme basic = new BasicScheme();
    basic.initPreemptive(new UsernamePasswordCredentials(user, password));
    context.resetAuthExchange(target(uri), basic);
  }

  /** The host as the client's protocol stage keys its auth state: scheme, host and the resolved port. */
  private static HttpHost target(URI uri) {
    HttpHost host = new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort());
    return new HttpHost(host.getSchemeName(), host.getHostName(), DefaultSchemePortResolver.INSTANCE.resolve(host));
  }
}
