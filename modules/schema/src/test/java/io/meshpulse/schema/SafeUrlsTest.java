package io.meshpulse.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SafeUrlsTest {

  @Test
  void credentialsBecomeStars() {
    assertEquals("https://***@example.com:8443/health?x=1", SafeUrls.redact("https://svc:s3cret@example.com:8443/health?x=1"));
  }

  @Test
  void aRawAtSignInThePasswordIsRedactedToo() {
    assertEquals("http://***@host/health", SafeUrls.redact("http://user:p@ss@host/health"));
  }

  @Test
  void anAtSignInThePathOrQueryIsNotUserinfo() {
    assertEquals("http://host/a@b?to=x@y", SafeUrls.redact("http://host/a@b?to=x@y"));
  }

  @Test
  void aMalformedUrlIsRedactedAsWell() {
    assertEquals("http://***@host:99999999999/", SafeUrls.redact("http://u:pw@host:99999999999/"));
  }

  @Test
  void aUrlWithoutCredentialsIsUnchanged() {
    assertEquals("http://10.0.0.7:8080/health", SafeUrls.redact("http://10.0.0.7:8080/health"));
    assertNull(SafeUrls.redact(null));
  }
}
