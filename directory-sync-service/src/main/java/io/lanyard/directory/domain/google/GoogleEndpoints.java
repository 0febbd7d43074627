package io.lanyard.directory.domain.google;

import io.lanyard.kernel.DomainException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a Google connection may send requests. A tenant admin types the API's root URL and uploads
 * the key file (whose {@code token_uri} names the token endpoint), and this service calls both from
 * inside the cluster: without this rule an admin could make it call any address it reaches, and
 * read the answers in a run's failure. So only the endpoints Google's own clients use count: {@code
 * https}, the default port, and one of {@link #GOOGLE_HOSTS} exactly. Not every host under {@code
 * googleapis.com}: the name is Google's, but not all that answers under it is an API this service
 * means to call (Cloud Storage's {@code storage.googleapis.com} serves whatever anyone puts in a
 * bucket). {@code 127.0.0.1} (plain {@code http} too) is accepted only where a local fake stands in
 * for Google (tests, {@code ./lanyard up} with {@code ./lanyard fake-google}); never another
 * spelling of a loopback address.
 *
 * <p>The URL is matched as a whole by a strict grammar rather than taken apart by a URL parser:
 * there is no user info ({@code https://www.googleapis.com@evil.example}), no percent-encoding,
 * backslash or IP form in the host, nothing that two parsers could read differently.
 */
public final class GoogleEndpoints {

  /** The only loopback address accepted, and only when {@link #allowingLoopback()}. */
  public static final String LOOPBACK = "127.0.0.1";

  private static final int MAX_LENGTH = 2048;
  private static final Pattern URL =
      Pattern.compile(
          "(?<scheme>[A-Za-z]+)://(?<host>[A-Za-z0-9.-]{1,253})(?::(?<port>[0-9]{1,5}))?"
              + "(?<path>/[A-Za-z0-9._~/-]*)?");

  /**
   * The Directory API's roots (the client's default and its older one) and the token endpoints a
   * service account's key file names ({@code oauth2.googleapis.com}; older files {@code
   * accounts.google.com}).
   */
  public static final Set<String> GOOGLE_HOSTS =
      Set.of(
          "admin.googleapis.com",
          "www.googleapis.com",
          "oauth2.googleapis.com",
          "accounts.google.com");

  private final boolean loopback;

  private GoogleEndpoints(boolean loopback) {
    this.loopback = loopback;
  }

  /** Production: Google's https endpoints only. */
  public static GoogleEndpoints googleOnly() {
    return new GoogleEndpoints(false);
  }

  /** Google's endpoints, and http(s)://127.0.0.1 for a local fake of Google. */
  public static GoogleEndpoints allowingLoopback() {
    return new GoogleEndpoints(true);
  }

  public boolean loopbackAllowed() {
    return loopback;
  }

  /** Whether requests may go to this URL. */
  public boolean allows(String url) {
    if (url == null || url.length() > MAX_LENGTH) {
      return false;
    }
    Matcher parts = URL.matcher(url);
    if (!parts.matches()) {
      return false;
    }
    String scheme = parts.group("scheme").toLowerCase(Locale.ROOT);
    String host = parts.group("host").toLowerCase(Locale.ROOT);
    String port = parts.group("port");
    if (loopback && host.equals(LOOPBACK)) {
      return (scheme.equals("http") || scheme.equals("https")) && validPort(port);
    }
    return scheme.equals("https")
        && (port == null || port.equals("443"))
        && GOOGLE_HOSTS.contains(host);
  }

  /** The root URL of the Directory API, checked: 400 {@code invalid_api_root_url} otherwise. */
  public String apiRootUrl(String url) {
    if (!allows(url)) {
      throw DomainException.invalidField(
          "apiRootUrl", "is " + expected("https://admin.googleapis.com/"));
    }
    return url;
  }

  /** The key file's token endpoint, checked: 400 {@code invalid_token_uri} otherwise. */
  public String tokenUri(String url) {
    if (!allows(url)) {
      throw DomainException.invalid(
          "invalid_token_uri",
          "serviceAccountKey.token_uri: is " + expected("https://oauth2.googleapis.com/token"));
    }
    return url;
  }

  private String expected(String example) {
    return "an https address of Google (admin.googleapis.com, www.googleapis.com,"
        + " oauth2.googleapis.com or accounts.google.com), such as "
        + example
        + (loopback ? ", or an address on http://" + LOOPBACK : "");
  }

  private static boolean validPort(String port) {
    if (port == null) {
      return true;
    }
    int number = Integer.parseInt(port);
    return number >= 1 && number <= 65535;
  }
}
