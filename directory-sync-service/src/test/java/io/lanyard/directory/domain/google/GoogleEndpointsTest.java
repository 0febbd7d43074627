package io.lanyard.directory.domain.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.kernel.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Google connections call Google's https endpoints only; 127.0.0.1 only where a fake is allowed.
 */
class GoogleEndpointsTest {

  static final GoogleEndpoints PRODUCTION = GoogleEndpoints.googleOnly();
  static final GoogleEndpoints LOCAL = GoogleEndpoints.allowingLoopback();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://admin.googleapis.com/",
        "https://www.googleapis.com/",
        "https://oauth2.googleapis.com/token",
        "https://accounts.google.com/o/oauth2/token",
        "https://admin.googleapis.com",
        "https://admin.googleapis.com:443/admin/directory/v1/",
        "HTTPS://Admin.GoogleAPIs.com/"
      })
  void googlesHttpsEndpointsAreAccepted(String url) {
    assertTrue(PRODUCTION.allows(url), url);
    assertTrue(LOCAL.allows(url), url);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://admin.googleapis.com/",
        "http://oauth2.googleapis.com/token",
        "ftp://admin.googleapis.com/",
        "https://evil.com/",
        "https://evil.example/token",
        "https://googleapis.com.evil.com/",
        "https://admin.googleapis.com.evil.com/",
        "https://evilgoogleapis.com/",
        "https://googleapis.com/",
        "https://admin.googleapis.com./",
        "https://www.googleapis.com@evil.com/",
        "https://user:pass@www.googleapis.com/",
        "https://www.googleapis.com:443@evil.com/",
        "https://www.googleapis.com:8443/",
        "https://evil.com#.googleapis.com",
        "https://evil.com?.googleapis.com",
        "https://evil.com/.googleapis.com/",
        "https://evil.com\\@www.googleapis.com/",
        "https://%65vil.com/",
        "https://admin.googleapis.com/%2e%2e/",
        "https://admin.googleapis.com/\u0000",
        "https://admin.googleapis.com/ x",
        "https://accounts.google.com.evil.com/",
        "https://evil.googleapis.com.attacker.com/",
        // Under googleapis.com, but no endpoint a Google connection calls (Cloud Storage serves
        // anyone's bucket there).
        "https://storage.googleapis.com/",
        "https://storage.googleapis.com/attacker-bucket/token",
        "https://evil.googleapis.com/",
        "https://admin.admin.googleapis.com/",
        "https://oauth2.oauth2.googleapis.com/token",
        "https://iamcredentials.googleapis.com/",
        "https://xn--admin-9ua.googleapis.com/",
        "https://admin-googleapis.com/",
        "https://www.google.com/",
        "https://oauth2.google.com/token",
        "https://google.com/",
        "//admin.googleapis.com/",
        "admin.googleapis.com",
        "",
      })
  void anythingElseIsRefused(String url) {
    assertFalse(PRODUCTION.allows(url), url);
    assertFalse(LOCAL.allows(url), url);
  }

  @Test
  void theHostsAreExactlyThoseGooglesClientsUse() {
    assertEquals(
        java.util.Set.of(
            "admin.googleapis.com",
            "www.googleapis.com",
            "oauth2.googleapis.com",
            "accounts.google.com"),
        GoogleEndpoints.GOOGLE_HOSTS);
    assertTrue(PRODUCTION.allows(GoogleSettings.DEFAULT_API_ROOT));
    assertTrue(PRODUCTION.allows(ServiceAccountKey.DEFAULT_TOKEN_URI));
  }

  @Test
  void loopbackOnlyWithTheSettingAndOnlyAs127001() {
    for (String url :
        new String[] {
          "http://127.0.0.1:18089/", "http://127.0.0.1:18089/token", "https://127.0.0.1/"
        }) {
      assertFalse(PRODUCTION.allows(url), url);
      assertTrue(LOCAL.allows(url), url);
    }
    assertFalse(LOCAL.allows("http://127.0.0.1:0/"));
    assertFalse(LOCAL.allows("http://127.0.0.1:65536/"));
    assertFalse(LOCAL.allows("http://127.0.0.1@evil.com/"));
    assertFalse(LOCAL.allows("http://127.0.0.1.evil.com/"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://localhost:18089/",
        "http://[::1]:18089/",
        "http://[::ffff:127.0.0.1]/",
        "http://[0:0:0:0:0:0:0:1]/",
        "http://2130706433/",
        "http://0x7f000001/",
        "http://0x7f.0.0.1/",
        "http://017700000001/",
        "http://0177.0.0.1/",
        "http://127.1/",
        "http://127.0.0.2/",
        "http://0.0.0.0/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://metadata.google.internal/",
        "https://8.8.8.8/"
      })
  void otherLoopbackAndIpFormsAreRefusedEvenWithTheSetting(String url) {
    assertFalse(PRODUCTION.allows(url), url);
    assertFalse(LOCAL.allows(url), url);
  }

  @Test
  void refusalsNameTheirField() {
    DomainException root =
        assertThrows(DomainException.class, () -> PRODUCTION.apiRootUrl("https://evil.com/"));
    assertEquals("invalid_api_root_url", root.code());
    assertTrue(root.getMessage().startsWith("apiRootUrl:"), root.getMessage());
    DomainException token =
        assertThrows(
            DomainException.class, () -> PRODUCTION.tokenUri("http://127.0.0.1:18089/token"));
    assertEquals("invalid_token_uri", token.code());
    assertTrue(token.getMessage().startsWith("serviceAccountKey.token_uri:"), token.getMessage());
    assertEquals("http://127.0.0.1:1/token", LOCAL.tokenUri("http://127.0.0.1:1/token"));
    assertThrows(DomainException.class, () -> PRODUCTION.apiRootUrl(null));
    assertThrows(
        DomainException.class,
        () -> PRODUCTION.apiRootUrl("https://admin.googleapis.com/" + "a".repeat(3000)));
  }
}
