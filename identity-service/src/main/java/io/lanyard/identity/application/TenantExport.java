package io.lanyard.identity.application;

import io.lanyard.contracts.EventJson;
import io.lanyard.identity.client.CredentialArchiveClient;
import io.lanyard.identity.domain.TenantSettings;
import io.lanyard.identity.infra.TenantDirectory;
import io.lanyard.identity.infra.TenantView;
import io.lanyard.identity.infra.UserDirectory;
import io.lanyard.identity.infra.UserView;
import io.lanyard.kernel.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * A tenant's archive for its exit (issue 23): JSON lines, written as they are read so that no
 * tenant is held in memory. First the tenant ({@code "record":"tenant"}) and its settings ({@code
 * "settings"}), then every user with what identifies them, in clear: it is the customer's own data,
 * handed to its operator ({@code "user"}); then credential-service's part as it sends it ({@code
 * "credentials"} with cards masked, {@code "credential_event"}: the credential history as ids and
 * times). No code, card number or key is in it.
 */
@ApplicationScoped
public class TenantExport {

  private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);

  record TenantLine(String record, TenantView tenant) {}

  record SettingsLine(String record, TenantSettings settings) {}

  record UserLine(String record, UserView user) {}

  record EndLine(String record, long users) {}

  private final TenantDirectory tenants;
  private final UserDirectory users;
  private final CredentialArchiveClient credentials;
  private final int pageSize;

  TenantExport(
      TenantDirectory tenants,
      UserDirectory users,
      @RestClient CredentialArchiveClient credentials,
      @ConfigProperty(name = "lanyard.identity.export.page-size", defaultValue = "1000")
          int pageSize) {
    this.tenants = tenants;
    this.users = users;
    this.credentials = credentials;
    this.pageSize = pageSize;
  }

  /**
   * The tenant, suspended or not.
   *
   * @throws DomainException not found, before anything is written
   */
  public TenantView tenant(String tenantId) {
    return tenants
        .find(tenantId)
        .await()
        .atMost(PAGE_TIMEOUT)
        .orElseThrow(() -> DomainException.notFound("tenant"));
  }

  /**
   * credential-service's part, asked for before anything is written: so that its refusal or absence
   * is an error answer, never an archive cut short after a 200. Blocking.
   */
  public InputStream credentialPart(TenantView tenant) {
    return credentials.archive(tenant.id());
  }

  /**
   * Writes the archive of {@code tenant} with credential-service's part (blocking: on a worker
   * thread); the last line ({@code "record":"end"}) says it is whole.
   */
  public void write(TenantView tenant, InputStream credentialPart, OutputStream out)
      throws IOException {
    line(out, new TenantLine("tenant", tenant));
    line(
        out,
        new SettingsLine("settings", tenants.settings(tenant.id()).await().atMost(PAGE_TIMEOUT)));
    long written = 0;
    UUID after = null;
    while (true) {
      List<UserView> page =
          users.pageAfter(tenant.id(), after, pageSize).await().atMost(PAGE_TIMEOUT);
      if (page.isEmpty()) {
        break;
      }
      for (UserView user : page) {
        line(out, new UserLine("user", user));
      }
      written += page.size();
      out.flush();
      after = UUID.fromString(page.get(page.size() - 1).id());
    }
    credentialPart.transferTo(out);
    line(out, new EndLine("end", written));
    out.flush();
  }

  private static void line(OutputStream out, Object line) throws IOException {
    out.write((EventJson.write(line) + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
