package io.lanyard.device.api;

import io.lanyard.device.application.DeviceCommands;
import io.lanyard.device.domain.DeviceLockout;
import io.lanyard.device.domain.LockReason;
import io.lanyard.device.domain.LockoutPolicy;
import io.lanyard.device.infra.DeviceRecords;
import io.lanyard.device.infra.DeviceRecords.DeviceRow;
import io.lanyard.device.infra.LockoutStore;
import io.lanyard.kernel.DomainException;
import io.lanyard.kernel.Ids;
import io.lanyard.runtime.api.AdminTenant;
import io.lanyard.runtime.api.ApiException;
import io.lanyard.runtime.api.CarriesSecret;
import io.lanyard.runtime.api.Page;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** A tenant's devices, for its admins: {@code /admin/v1/devices}. */
@Path("/admin/v1/devices")
@RolesAllowed("lanyard-admin")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceAdminResource {

  record Registration(String name, String location) {}

  /** A device as listed. */
  public record DeviceSummary(
      String id, String name, String location, Instant registeredAt, Instant tokenRotatedAt) {
    static DeviceSummary of(DeviceRow row) {
      return new DeviceSummary(
          row.id(), row.name(), row.location(), row.registeredAt(), row.tokenRotatedAt());
    }
  }

  /** One device with its lockout: {@code lock.locked}, until when, and the latest failures. */
  public record DeviceDetail(
      String id,
      String name,
      String location,
      Instant registeredAt,
      Instant tokenRotatedAt,
      Lock lock,
      List<LockoutStore.RecentFailure> recentFailures) {}

  /**
   * {@code lockReason} says which budget locked the device ({@code consecutive_failures} or {@code
   * hourly_failure_budget}) while it is locked; {@code failuresInWindow} counts towards the first
   * (60 s, forgotten by a success), {@code failuresInLastHour} towards the second.
   */
  public record Lock(
      boolean locked,
      Instant lockedUntil,
      String lockReason,
      int locksInARow,
      int failuresInWindow,
      int failuresInLastHour) {

    static Lock of(DeviceLockout lockout, Instant now, LockoutPolicy policy) {
      boolean locked = lockout.retryAfter(now).isPresent();
      return new Lock(
          locked,
          locked ? lockout.lockedUntil() : null,
          lockout.lockedBecause(now).map(LockReason::code).orElse(null),
          lockout.locks(),
          lockout.failuresInWindow(now, policy),
          lockout.failuresInBudgetWindow(now, policy));
    }
  }

  private final AdminTenant adminTenant;
  private final SecurityIdentity identity;
  private final DeviceCommands commands;
  private final DeviceRecords records;
  private final LockoutStore lockouts;
  private final Pool pool;
  private final Clock clock;

  DeviceAdminResource(
      AdminTenant adminTenant,
      SecurityIdentity identity,
      DeviceCommands commands,
      DeviceRecords records,
      LockoutStore lockouts,
      Pool pool,
      Clock clock) {
    this.adminTenant = adminTenant;
    this.identity = identity;
    this.commands = commands;
    this.records = records;
    this.lockouts = lockouts;
    this.pool = pool;
    this.clock = clock;
  }

  /** Answers with the device's token (shown this once): not to be kept by any cache. */
  @POST
  @CarriesSecret
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> register(Registration body) {
    if (body == null) {
      throw ApiException.badRequest("invalid_json", "a device is a JSON object");
    }
    return adminTenant
        .of(identity)
        .chain(tenant -> commands.register(tenant, body.name(), body.location(), actor()))
        .map(
            issued ->
                Response.status(201)
                    .entity(
                        Map.of(
                            "id", issued.device().id(),
                            "token", issued.token(),
                            "name", issued.device().name(),
                            "location", String.valueOf(issued.device().location()),
                            "registeredAt", issued.device().registeredAt().toString()))
                    .build());
  }

  @GET
  public Uni<Page<DeviceSummary>> list(
      @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("page")
          String page,
      @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200"))
          @QueryParam("size")
          String size) {
    int pageNumber = Page.page(page);
    int pageSize = Page.size(size);
    return adminTenant
        .of(identity)
        .chain(tenant -> records.list(pool, tenant, pageNumber, pageSize))
        .map(
            rows ->
                new Page<>(
                    rows.items().stream().map(DeviceSummary::of).toList(),
                    rows.page(),
                    rows.size(),
                    rows.total()));
  }

  @GET
  @Path("/{id}")
  public Uni<DeviceDetail> view(@PathParam("id") String id) {
    return forDevice(id, (tenant, device) -> detail(device));
  }

  @POST
  @Path("/{id}/unlock")
  public Uni<DeviceDetail> unlock(@PathParam("id") String id) {
    return forDevice(
        id,
        (tenant, device) ->
            lockouts.unlock(UUID.fromString(device.id())).chain(() -> detail(device)));
  }

  @POST
  @CarriesSecret
  @Path("/{id}/token")
  public Uni<Response> rotateToken(@PathParam("id") String id) {
    return forDevice(
            id,
            (tenant, device) -> commands.rotateToken(tenant, UUID.fromString(device.id()), actor()))
        .map(token -> Response.status(201).entity(Map.of("token", token)).build());
  }

  @DELETE
  @Path("/{id}")
  public Uni<Response> revoke(@PathParam("id") String id) {
    return forDevice(
            id, (tenant, device) -> commands.revoke(tenant, UUID.fromString(device.id()), actor()))
        .map(ignored -> Response.noContent().build());
  }

  private Uni<DeviceDetail> detail(DeviceRow device) {
    Instant now = clock.instant();
    return lockouts
        .view(UUID.fromString(device.id()))
        .map(
            view ->
                new DeviceDetail(
                    device.id(),
                    device.name(),
                    device.location(),
                    device.registeredAt(),
                    device.tokenRotatedAt(),
                    Lock.of(view.lockout(), now, lockouts.policy()),
                    view.recentFailures()));
  }

  private <T> Uni<T> forDevice(String id, BiFunction<String, DeviceRow, Uni<T>> work) {
    UUID device = Ids.named(id, "device");
    return adminTenant
        .of(identity)
        .chain(
            tenant ->
                records
                    .find(pool, tenant, device)
                    .chain(
                        row ->
                            work.apply(
                                tenant,
                                row.orElseThrow(() -> DomainException.notFound("device")))));
  }

  private String actor() {
    return identity.getPrincipal().getName();
  }
}
