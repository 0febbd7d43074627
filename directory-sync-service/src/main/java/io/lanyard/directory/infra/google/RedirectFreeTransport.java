package io.lanyard.directory.infra.google;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.apache.v2.ApacheHttpTransport;
import org.apache.http.HttpHeaders;
import org.apache.http.HttpResponseInterceptor;

/**
 * The transport of every call to Google, the token request and the Directory API alike, that
 * follows no redirect.
 *
 * <p>Google's HTTP client follows a 3xx answer's {@code Location} unless the request says
 * otherwise, and google-auth's token request does not say so: it would post the service account's
 * signed assertion wherever the token endpoint pointed, an address inside the cluster included, and
 * read that address's answer. {@link io.lanyard.directory.domain.google.GoogleEndpoints} checks
 * only the first address. So the {@code Location} is taken off every 3xx answer before Google's
 * client sees it: with nowhere to go, a redirect is an error answer like any other, whatever a
 * request's own setting. Apache's client underneath follows none either.
 */
final class RedirectFreeTransport {

  private RedirectFreeTransport() {}

  static HttpTransport create() {
    return new ApacheHttpTransport(
        ApacheHttpTransport.newDefaultHttpClientBuilder()
            .disableRedirectHandling()
            .addInterceptorLast(
                (HttpResponseInterceptor)
                    (response, context) -> {
                      if (isRedirect(response.getStatusLine().getStatusCode())) {
                        response.removeHeaders(HttpHeaders.LOCATION);
                      }
                    })
            .build());
  }

  static boolean isRedirect(int status) {
    return status >= 300 && status < 400;
  }
}
