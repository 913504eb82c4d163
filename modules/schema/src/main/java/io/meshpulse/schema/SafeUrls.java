package io.meshpulse.schema;

import java.util.regex.Pattern;

/**
 * URLs as people and other systems see them: credentials written in an agent's URL
 * ({@code https://user:password@host/...}) become {@code ***}, in logs, results, the API and error
 * messages alike. Only the prober's request uses the credentials themselves.
 */
public final class SafeUrls {

  /** The scheme, then the userinfo: everything up to the authority's last '@' (a raw '@' in a password included). */
  private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@");

  private SafeUrls() {}

  /** {@code url} with any userinfo replaced by {@code ***}; works on malformed URLs too. */
  public static String redact(String url) {
    return url == null ? null : USER_INFO.matcher(url).replaceFirst("$1***@");
  }
}
