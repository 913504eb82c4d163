package io.meshpulse.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafeUrlsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      https://svc:s3cret@example.com:8443/health?x=1 | https://***@example.com:8443/health?x=1
      http://user:p@ss@host/health                   | http://***@host/health
      http://host/a@b?to=x@y                         | http://host/a@b?to=x@y
      http://u:pw@host:99999999999/                  | http://***@host:99999999999/
      http://10.0.0.7:8080/health                    | http://10.0.0.7:8080/health
      """)
  void credentialsAndOnlyCredentialsBecomeStars(String url, String shown) {
    assertEquals(shown, SafeUrls.redact(url));
  }

  @Test
  void noUrlIsNoUrl() {
    assertNull(SafeUrls.redact(null));
  }
}
