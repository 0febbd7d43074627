package io.lanyard.directory.infra.google;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpExecuteInterceptor;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.directory.Directory;
import com.google.api.services.directory.DirectoryScopes;
import com.google.api.services.directory.model.User;
import com.google.api.services.directory.model.Users;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.lanyard.directory.application.google.GoogleDirectories;
import io.lanyard.directory.application.google.GoogleDirectory;
import io.lanyard.directory.application.google.GoogleFailure;
import io.lanyard.directory.domain.google.GoogleEndpoints;
import io.lanyard.directory.domain.google.GoogleSettings;
import io.lanyard.directory.domain.google.ServiceAccountKey;
import io.lanyard.kernel.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The Admin SDK Directory API through Google's own client: a service account acting as the tenant's
 * admin (domain-wide delegation), its tokens from the key file's {@code token_uri}, the API at the
 * settings' root URL, both only where {@link GoogleEndpoints} allows and neither following a
 * redirect ({@link RedirectFreeTransport}). Rate limits (403 with a rate-limit reason, 429), 5xx
 * answers and network failures are retried with doubling pauses. Whatever fails is a {@link
 * GoogleFailure} in our words.
 */
@ApplicationScoped
public class GoogleApiDirectories implements GoogleDirectories {

  private static final Logger LOG = Logger.getLogger(GoogleApiDirectories.class);
  private static final HttpTransport TRANSPORT = RedirectFreeTransport.create();
  private static final Set<String> RATE_LIMITS =
      Set.of("rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded");
  private static final int PAGE_SIZE = 500;

  private final int attempts;
  private final Duration firstPause;
  private final GoogleEndpoints endpoints;

  GoogleApiDirectories(
      @ConfigProperty(name = "lanyard.directory.google.attempts", defaultValue = "6") int attempts,
      @ConfigProperty(name = "lanyard.directory.google.first-pause", defaultValue = "1s")
          Duration firstPause,
      GoogleEndpoints endpoints) {
    this.attempts = attempts;
    this.firstPause = firstPause;
    this.endpoints = endpoints;
  }

  /**
   * Checks the endpoints the client will really call (the API root, and the token endpoint as
   * Google's library read it from the key file) before anything is sent: a connection saved before
   * the rule on Google's endpoints, or under a setting since turned off, calls nothing.
   *
   * @throws GoogleFailure when the connection is not accepted or its key cannot be read
   */
  @Override
  public GoogleDirectory open(GoogleSettings settings, String serviceAccountKeyJson) {
    ServiceAccountCredentials key;
    try {
      endpoints.apiRootUrl(settings.apiRootUrl());
      key =
          ServiceAccountCredentials.fromStream(
              new ByteArrayInputStream(serviceAccountKeyJson.getBytes(StandardCharsets.UTF_8)),
              () -> TRANSPORT);
      endpoints.tokenUri(
          key.getTokenServerUri() == null
              ? ServiceAccountKey.DEFAULT_TOKEN_URI
              : key.getTokenServerUri().toString());
    } catch (DomainException refused) {
      throw GoogleFailure.connectionRefused(refused.getMessage());
    } catch (IOException | RuntimeException unreadable) {
      throw GoogleFailure.keyUnreadable(unreadable);
    }
    GoogleCredentials credentials =
        key.createScoped(List.of(DirectoryScopes.ADMIN_DIRECTORY_USER_READONLY))
            .createDelegated(settings.adminSubject());
    Directory directory =
        new Directory.Builder(TRANSPORT, GsonFactory.getDefaultInstance(), authorizing(credentials))
            .setRootUrl(settings.apiRootUrl())
            .setApplicationName("Lanyard")
            .build();
    return new GoogleDirectory() {
      @Override
      public Page list(String pageToken) {
        return page(directory, settings, pageToken);
      }

      @Override
      public Channel watch(String address, String token, Duration ttl) {
        try {
          Directory.Users.Watch watch =
              directory
                  .users()
                  .watch(
                      new com.google.api.services.directory.model.Channel()
                          .setId(java.util.UUID.randomUUID().toString())
                          .setType("web_hook")
                          .setAddress(address)
                          .setToken(token)
                          .setExpiration(System.currentTimeMillis() + ttl.toMillis()));
          if (settings.customerId() != null) {
            watch.setCustomer(settings.customerId());
          } else {
            watch.setDomain(settings.domain());
          }
          com.google.api.services.directory.model.Channel opened = watch.execute();
          return new Channel(
              opened.getId(),
              opened.getResourceId(),
              opened.getExpiration() == null
                  ? java.time.Instant.now().plus(ttl)
                  : java.time.Instant.ofEpochMilli(opened.getExpiration()));
        } catch (IOException | RuntimeException e) {
          throw failure(e);
        }
      }

      @Override
      public void stop(String channelId, String resourceId) {
        try {
          directory
              .channels()
              .stop(
                  new com.google.api.services.directory.model.Channel()
                      .setId(channelId)
                      .setResourceId(resourceId))
              .execute();
        } catch (IOException | RuntimeException e) {
          throw failure(e);
        }
      }
    };
  }

  /**
   * The service account's token on every request; a failure to get one is told apart from the
   * Directory API's own answers. Redirects are not followed (the transport cannot follow them
   * either): Google's API does not send them, and a request must not end up elsewhere than the
   * checked address.
   */
  private static HttpRequestInitializer authorizing(GoogleCredentials credentials) {
    HttpCredentialsAdapter adapter = new HttpCredentialsAdapter(credentials);
    return request -> {
      try {
        adapter.initialize(request);
      } catch (IOException e) {
        throw credentialsFailure(e);
      }
      HttpExecuteInterceptor authorize = request.getInterceptor();
      if (authorize != null) {
        request.setInterceptor(
            outgoing -> {
              try {
                authorize.intercept(outgoing);
              } catch (IOException e) {
                throw credentialsFailure(e);
              }
            });
      }
      request.setFollowRedirects(false);
    };
  }

  private static GoogleFailure credentialsFailure(IOException e) {
    HttpResponseException answer = answerIn(e);
    if (answer == null) {
      return GoogleFailure.tokenEndpointUnreachable(e);
    }
    return RedirectFreeTransport.isRedirect(answer.getStatusCode())
        ? GoogleFailure.tokenEndpointRedirected(answer.getStatusCode(), e)
        : GoogleFailure.credentialsRefused(answer.getStatusCode(), e);
  }

  private GoogleDirectory.Page page(Directory directory, GoogleSettings settings, String token) {
    Users users =
        withRetries(
            () -> {
              Directory.Users.List request =
                  directory
                      .users()
                      .list()
                      .setProjection("custom")
                      .setCustomFieldMask("PaperCut")
                      .setMaxResults(PAGE_SIZE)
                      .setPageToken(token);
              if (settings.customerId() != null) {
                request.setCustomer(settings.customerId());
              } else {
                request.setDomain(settings.domain());
              }
              return request.execute();
            });
    List<GoogleDirectory.GoogleUser> page = new ArrayList<>();
    if (users.getUsers() != null) {
      for (User user : users.getUsers()) {
        page.add(user(user));
      }
    }
    return new GoogleDirectory.Page(page, users.getNextPageToken());
  }

  /** A call to Google. */
  private interface Call<T> {
    T execute() throws IOException;
  }

  private <T> T withRetries(Call<T> call) {
    Duration pause = firstPause;
    for (int attempt = 1; ; attempt++) {
      GoogleFailure failure;
      try {
        return call.execute();
      } catch (IOException | RuntimeException e) {
        failure = failure(e);
      }
      if (!failure.retryable() || attempt >= attempts) {
        LOG.debugf(failure.getCause(), "%s (attempt %d)", failure.getMessage(), attempt);
        throw failure;
      }
      LOG.infof("%s (attempt %d); again in %s", failure.getMessage(), attempt, pause);
      try {
        Thread.sleep(pause.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure;
      }
      pause = pause.multipliedBy(2);
    }
  }

  /**
   * What failed, in our words: the remote answer's body and message stay in the cause (the log),
   * never in what an admin reads.
   */
  private static GoogleFailure failure(Exception e) {
    if (e instanceof GoogleFailure known) {
      return known;
    }
    if (e instanceof HttpResponseException answer) {
      int status = answer.getStatusCode();
      if (RedirectFreeTransport.isRedirect(status)) {
        return GoogleFailure.directoryRedirected(status, e);
      }
      return e instanceof GoogleJsonResponseException json && rateLimited(json)
          ? GoogleFailure.rateLimited(status, e)
          : GoogleFailure.directoryRefused(status, e);
    }
    if (e instanceof IOException && unreachable(e)) {
      return GoogleFailure.directoryUnreachable(e);
    }
    return GoogleFailure.unreadableAnswer(e);
  }

  /** A network failure rather than an answer: no connection, a timeout, a broken TLS session. */
  private static boolean unreachable(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.net.SocketException
          || cause instanceof java.net.UnknownHostException
          || cause instanceof java.io.InterruptedIOException
          || cause instanceof javax.net.ssl.SSLException
          || cause instanceof java.io.EOFException
          || cause instanceof org.apache.http.NoHttpResponseException) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  private static HttpResponseException answerIn(Throwable e) {
    int depth = 0;
    for (Throwable cause = e; cause != null && depth < 10; cause = cause.getCause(), depth++) {
      if (cause instanceof HttpResponseException answer) {
        return answer;
      }
    }
    return null;
  }

  /** Google's rate limits: 429, and 403 with a rate-limit reason. */
  private static boolean rateLimited(GoogleJsonResponseException e) {
    if (e.getStatusCode() == 429) {
      return true;
    }
    return e.getStatusCode() == 403
        && e.getDetails() != null
        && e.getDetails().getErrors() != null
        && e.getDetails().getErrors().stream()
            .anyMatch(error -> RATE_LIMITS.contains(error.getReason()));
  }

  private static GoogleDirectory.GoogleUser user(User user) {
    Map<String, Object> papercut =
        user.getCustomSchemas() == null ? null : user.getCustomSchemas().get("PaperCut");
    return new GoogleDirectory.GoogleUser(
        user.getId(),
        user.getPrimaryEmail(),
        user.getName() == null ? null : user.getName().getFullName(),
        user.getOrgUnitPath(),
        Boolean.TRUE.equals(user.getSuspended()),
        field(papercut, "accessCode"),
        field(papercut, "cardNumber"));
  }

  private static String field(Map<String, Object> fields, String name) {
    Object value = fields == null ? null : fields.get(name);
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }
}
