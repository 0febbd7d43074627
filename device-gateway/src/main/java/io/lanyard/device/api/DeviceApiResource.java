package io.lanyard.device.api;

import io.lanyard.device.application.DeviceAuthentication;
import io.lanyard.device.application.DeviceLogins;
import io.lanyard.device.application.DeviceReminders;
import io.lanyard.device.application.LoginAnswer;
import io.lanyard.device.application.LoginOutcome;
import io.lanyard.device.application.Refusal;
import io.lanyard.device.application.ReminderOutcome;
import io.lanyard.device.infra.DeviceMetrics;
import io.lanyard.device.model.DeviceEntry;
import io.lanyard.runtime.api.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The API the MFDs call (DESIGN.md, fixed). A device token, not OIDC, authenticates: these paths
 * keep working while the OIDC provider is down. Every method returns a {@link Uni}, so it runs on
 * the event loop: a login is a lookup in memory.
 */
@Path("/device/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DeviceApiResource {

  record CodeLogin(String code) {}

  record CardLogin(String cardNumber) {}

  record CardRegistration(String code, String cardNumber) {}

  record Reminder(String email) {}

  private static final Uni<Map<String, String>> PONG =
      Uni.createFrom().item(Map.of("status", "ok"));

  private final DeviceAuthentication authentication;
  private final DeviceLogins logins;
  private final DeviceReminders reminders;
  private final DeviceMetrics metrics;

  DeviceApiResource(
      DeviceAuthentication authentication,
      DeviceLogins logins,
      DeviceReminders reminders,
      DeviceMetrics metrics) {
    this.authentication = authentication;
    this.logins = logins;
    this.reminders = reminders;
    this.metrics = metrics;
  }

  /** For an MFD to check that it reaches the gateway (no token, no lookup). */
  @GET
  @Path("/ping")
  public Uni<Map<String, String>> ping() {
    return PONG;
  }

  @POST
  @Path("/login/code")
  public Uni<LoginAnswer> loginByCode(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, CodeLogin body) {
    return logins
        .byCode(device(authorization), body(body).code())
        .map(outcome -> answer("code", outcome));
  }

  @POST
  @Path("/login/card")
  public Uni<LoginAnswer> loginByCard(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, CardLogin body) {
    return logins
        .byCard(device(authorization), body(body).cardNumber())
        .map(outcome -> answer("card", outcome));
  }

  @POST
  @Path("/cards")
  public Uni<Response> registerCard(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, CardRegistration body) {
    CardRegistration given = body(body);
    return logins
        .registerCard(device(authorization), given.code(), given.cardNumber())
        .map(outcome -> Response.status(201).entity(answer("card_registration", outcome)).build());
  }

  @POST
  @Path("/access-code-reminders")
  public Uni<Response> remind(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, Reminder body) {
    return reminders
        .remind(device(authorization), body(body).email())
        .map(
            outcome -> {
              if (outcome instanceof ReminderOutcome.Accepted) {
                metrics.reminder("accepted");
                return Response.accepted().build();
              }
              ApiException problem = DeviceProblems.of((Refusal) outcome);
              metrics.reminder(problem.code());
              throw problem;
            });
  }

  private DeviceEntry device(String authorization) {
    return authentication.device(authorization).orElseThrow(DeviceProblems::invalidDeviceToken);
  }

  private LoginAnswer answer(String method, LoginOutcome outcome) {
    if (outcome instanceof LoginOutcome.LoggedIn loggedIn) {
      metrics.login(method, "logged_in");
      return loggedIn.answer();
    }
    ApiException problem = DeviceProblems.of((Refusal) outcome);
    metrics.login(method, problem.code());
    throw problem;
  }

  private static <T> T body(T body) {
    if (body == null) {
      throw ApiException.badRequest("invalid_json", "the body is a JSON object");
    }
    return body;
  }
}
