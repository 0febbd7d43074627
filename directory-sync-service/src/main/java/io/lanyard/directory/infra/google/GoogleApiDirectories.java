package io.lanyard.directory.infra.google;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
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
import io.lanyard.directory.domain.google.GoogleSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * settings' root URL. Rate limits (403 with a rate-limit reason, 429) and 5xx answers are retried
 * with doubling pauses.
 */
@ApplicationScoped
public class GoogleApiDirectories implements GoogleDirectories {

  private static final Logger LOG = Logger.getLogger(GoogleApiDirectories.class);
  private static final HttpTransport TRANSPORT = new NetHttpTransport();
  private static final Set<String> RATE_LIMITS =
      Set.of("rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded");
  private static final int PAGE_SIZE = 500;

  private final int attempts;
  private final Duration firstPause;

  GoogleApiDirectories(
      @ConfigProperty(name = "lanyard.directory.google.attempts", defaultValue = "6") int attempts,
      @ConfigProperty(name = "lanyard.directory.google.first-pause", defaultValue = "1s")
          Duration firstPause) {
    this.attempts = attempts;
    this.firstPause = firstPause;
  }

  @Override
  public GoogleDirectory open(GoogleSettings settings, String serviceAccountKeyJson) {
    GoogleCredentials credentials;
    try {
      credentials =
          ServiceAccountCredentials.fromStream(
                  new ByteArrayInputStream(serviceAccountKeyJson.getBytes(StandardCharsets.UTF_8)))
              .createScoped(List.of(DirectoryScopes.ADMIN_DIRECTORY_USER_READONLY))
              .createDelegated(settings.adminSubject());
    } catch (IOException e) {
      throw new UncheckedIOException("the service account key cannot be read", e);
    }
    Directory directory =
        new Directory.Builder(
                TRANSPORT,
                GsonFactory.getDefaultInstance(),
                new HttpCredentialsAdapter(credentials))
            .setRootUrl(settings.apiRootUrl())
            .setApplicationName("Lanyard")
            .build();
    return new GoogleDirectory() {
      @Override
      public Page list(String pageToken) throws IOException {
        return page(directory, settings, pageToken);
      }

      @Override
      public Channel watch(String address, String token, Duration ttl) throws IOException {
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
      }

      @Override
      public void stop(String channelId, String resourceId) throws IOException {
        directory
            .channels()
            .stop(
                new com.google.api.services.directory.model.Channel()
                    .setId(channelId)
                    .setResourceId(resourceId))
            .execute();
      }
    };
  }

  private GoogleDirectory.Page page(Directory directory, GoogleSettings settings, String token)
      throws IOException {
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
    Users users = withRetries(request);
    List<GoogleDirectory.GoogleUser> page = new ArrayList<>();
    if (users.getUsers() != null) {
      for (User user : users.getUsers()) {
        page.add(user(user));
      }
    }
    return new GoogleDirectory.Page(page, users.getNextPageToken());
  }

  private Users withRetries(Directory.Users.List request) throws IOException {
    Duration pause = firstPause;
    for (int attempt = 1; ; attempt++) {
      try {
        return request.execute();
      } catch (GoogleJsonResponseException e) {
        if (!retryable(e) || attempt >= attempts) {
          throw e;
        }
        LOG.infof(
            "Google answered %d (attempt %d); again in %s", e.getStatusCode(), attempt, pause);
      } catch (IOException e) {
        if (attempt >= attempts) {
          throw e;
        }
        LOG.infof("Google did not answer (%s, attempt %d); again in %s", e, attempt, pause);
      }
      try {
        Thread.sleep(pause.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting to retry", e);
      }
      pause = pause.multipliedBy(2);
    }
  }

  private static boolean retryable(GoogleJsonResponseException e) {
    int status = e.getStatusCode();
    if (status == 429 || status >= 500) {
      return true;
    }
    return status == 403
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
