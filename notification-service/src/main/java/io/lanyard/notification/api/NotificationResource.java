package io.lanyard.notification.api;

import io.lanyard.kernel.DomainException;
import io.lanyard.kernel.Ids;
import io.lanyard.notification.application.SettingsCommands;
import io.lanyard.notification.domain.MailKind;
import io.lanyard.notification.domain.MailSettings;
import io.lanyard.notification.domain.TemplateLocales;
import io.lanyard.notification.infra.MailQueue;
import io.lanyard.notification.infra.MailSettingsRecords;
import io.lanyard.notification.infra.Recipients;
import io.lanyard.runtime.api.AdminTenant;
import io.lanyard.runtime.api.ApiException;
import io.lanyard.runtime.api.Page;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** A tenant's mail settings, the delivery log, and resending invitations, for its admins. */
@Path("/admin/v1/notifications")
@RolesAllowed("lanyard-admin")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

  private static final String KINDS =
      Arrays.stream(MailKind.values()).map(MailKind::wire).collect(Collectors.joining(", "));

  /**
   * Settings on the wire; {@code subjects} by kind ({@code invitation}, {@code code_changed}, ...).
   */
  public record SettingsBody(
      String senderName,
      Boolean invitationsEnabled,
      String portalUrl,
      Map<String, String> subjects) {

    static SettingsBody of(MailSettings settings) {
      Map<String, String> subjects = new LinkedHashMap<>();
      for (MailKind kind : MailKind.values()) {
        subjects.put(kind.wire(), settings.subject(kind, TemplateLocales.DEFAULT));
      }
      return new SettingsBody(
          settings.senderName(), settings.invitationsEnabled(), settings.portalUrl(), subjects);
    }

    MailSettings settings() {
      if (senderName == null || invitationsEnabled == null) {
        throw ApiException.badRequest(
            "invalid_request", "settings have senderName and invitationsEnabled");
      }
      Map<MailKind, String> bykind = new EnumMap<>(MailKind.class);
      if (subjects != null) {
        subjects.forEach(
            (kind, subject) -> {
              try {
                bykind.put(MailKind.fromWire(kind), subject);
              } catch (IllegalArgumentException e) {
                throw DomainException.invalidField(
                    "subjects", "unknown email " + kind + "; there are " + KINDS);
              }
            });
      }
      return new MailSettings(senderName, bykind, invitationsEnabled, portalUrl);
    }
  }

  private final AdminTenant adminTenant;
  private final SecurityIdentity identity;
  private final SettingsCommands commands;
  private final MailSettingsRecords settings;
  private final MailQueue mails;
  private final Recipients recipients;
  private final Pool pool;

  NotificationResource(
      AdminTenant adminTenant,
      SecurityIdentity identity,
      SettingsCommands commands,
      MailSettingsRecords settings,
      MailQueue mails,
      Recipients recipients,
      Pool pool) {
    this.adminTenant = adminTenant;
    this.identity = identity;
    this.commands = commands;
    this.settings = settings;
    this.mails = mails;
    this.recipients = recipients;
    this.pool = pool;
  }

  @GET
  @Path("/settings")
  public Uni<SettingsBody> settings() {
    return adminTenant
        .of(identity)
        .chain(tenant -> settings.current(pool, tenant))
        .map(SettingsBody::of);
  }

  @PUT
  @Path("/settings")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<SettingsBody> changeSettings(SettingsBody body) {
    if (body == null) {
      throw ApiException.badRequest("invalid_json", "settings are a JSON object");
    }
    MailSettings wanted = body.settings();
    return adminTenant
        .of(identity)
        .chain(tenant -> commands.change(tenant, wanted, identity.getPrincipal().getName()))
        .map(SettingsBody::of);
  }

  /** The delivery log of one user: type, time, status, attempts; never a code. */
  @GET
  public Uni<Page<MailQueue.Entry>> log(@QueryParam("userId") String userId) {
    if (userId == null) {
      throw ApiException.badRequest("invalid_parameter", "give userId");
    }
    UUID user = Ids.named(userId, "user");
    return forUser(user)
        .chain(tenant -> mails.log(pool, tenant, user))
        .map(entries -> new Page<>(entries, 0, Math.max(1, entries.size()), entries.size()));
  }

  /** Sends the user's invitation again, with their current code. */
  @POST
  @Path("/invitations/{userId}")
  public Uni<Response> resendInvitation(@PathParam("userId") String userId) {
    UUID user = Ids.named(userId, "user");
    return forUser(user)
        .chain(
            tenant ->
                pool.withTransaction(
                    tx ->
                        recipients
                            .codeCiphertext(tx, user)
                            .chain(
                                code ->
                                    mails.queueRequested(
                                        tx,
                                        MailKind.INVITATION,
                                        tenant,
                                        user,
                                        code.orElseThrow(
                                            () ->
                                                DomainException.conflict(
                                                    "no_code",
                                                    "the user has no access code yet"))))))
        .map(id -> Response.accepted(Map.of("notificationId", id.toString())).build());
  }

  /** The admin's tenant, if the user is one of its users (other tenants' users are unknown). */
  private Uni<String> forUser(UUID user) {
    return adminTenant
        .of(identity)
        .chain(
            tenant ->
                recipients
                    .find(pool, user)
                    .map(
                        found -> {
                          if (found.isEmpty()
                              || !found.get().tenantId().equals(tenant)
                              || found.get().isDeleted()) {
                            throw DomainException.notFound("user");
                          }
                          return tenant;
                        }));
  }
}
