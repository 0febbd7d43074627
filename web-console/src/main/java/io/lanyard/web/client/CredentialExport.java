package io.lanyard.web.client;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * credential-service's CSV export ({@code GET /admin/v1/credentials/export}), opened as a stream
 * for the console to pass on as it arrives: a tenant's export may be 100,000 lines, and a REST
 * client would read it whole into memory first. Called with the person's own token, as every call.
 */
@ApplicationScoped
public class CredentialExport {

  /** An error body is a sentence; more than this is not ours, and is not read. */
  private static final int MOST_ERROR_BYTES = 16 * 1024;

  private final HttpClient http;
  private final String base;
  private final Duration readTimeout;

  @Inject SecurityIdentity identity;

  CredentialExport(
      @ConfigProperty(name = "quarkus.rest-client.credential-service.url") String base,
      @ConfigProperty(name = "quarkus.rest-client.connect-timeout", defaultValue = "2000")
          long connectMillis,
      @ConfigProperty(name = "quarkus.rest-client.read-timeout", defaultValue = "10000")
          long readMillis) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.readTimeout = Duration.ofMillis(readMillis);
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(connectMillis))
            .build();
  }

  /** The export as it starts to arrive: the caller streams {@code body} on and closes it. */
  public record Download(String contentDisposition, InputStream body) {}

  /** The service said no (its {@code {"error","message"}}); nothing was exported. */
  public static final class Refused extends Exception {

    private final transient ApiProblem problem;

    Refused(ApiProblem problem) {
      super(problem.code());
      this.problem = problem;
    }

    public ApiProblem problem() {
      return problem;
    }
  }

  /**
   * @param fullCardNumbers card numbers in clear ({@code ?cardNumbers=full}); credential-service
   *     records the export in each such user's history
   */
  public Download open(boolean fullCardNumbers) throws Refused {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    base
                        + "/admin/v1/credentials/export"
                        + (fullCardNumbers ? "?cardNumbers=full" : "")))
            .header("Accept", "text/csv")
            .timeout(readTimeout)
            .GET();
    AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
    if (token != null) {
      request.header("Authorization", "Bearer " + token.getToken());
    }
    HttpResponse<InputStream> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException unanswered) {
      throw new ProcessingException("credential-service did not answer the export", unanswered);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new ProcessingException("the export was interrupted", interrupted);
    }
    if (response.statusCode() != 200) {
      throw new Refused(ApiProblem.of(response.statusCode(), errorBody(response.body())));
    }
    return new Download(
        response.headers().firstValue("Content-Disposition").orElse(null), response.body());
  }

  private static String errorBody(InputStream body) {
    try (InputStream in = body) {
      return new String(in.readNBytes(MOST_ERROR_BYTES), StandardCharsets.UTF_8);
    } catch (IOException unreadable) {
      return null;
    }
  }
}
