package io.lanyard.runtime.api;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Enforces {@link InternalCallers} on service tokens. Tokens without the service role are left to
 * {@code @RolesAllowed} (401 without a token, 403 for a person's), so the answers stay as before.
 */
public class InternalCallerFilter {

  private static final String SERVICE_ROLE = "lanyard-service";
  private static final Map<Method, Optional<Set<String>>> CALLERS = new ConcurrentHashMap<>();

  @Inject CurrentIdentityAssociation identities;

  @ConfigProperty(name = "quarkus.application.name")
  String thisService;

  @ServerRequestFilter
  public Uni<Response> check(ResourceInfo resource) {
    Method method = resource.getResourceMethod();
    if (method == null) {
      return Uni.createFrom().nullItem();
    }
    Optional<Set<String>> allowed = CALLERS.computeIfAbsent(method, InternalCallerFilter::callers);
    if (allowed.isEmpty()) {
      return Uni.createFrom().nullItem();
    }
    return identities.getDeferredIdentity().map(identity -> refusal(identity, allowed.get()));
  }

  private Response refusal(SecurityIdentity identity, Set<String> allowed) {
    if (identity.isAnonymous()
        || !identity.hasRole(SERVICE_ROLE)
        || !(identity.getPrincipal() instanceof JsonWebToken token)) {
      return null;
    }
    String clientId = Claims.text(token, "azp");
    if (clientId == null) {
      clientId = Claims.text(token, "client_id");
    }
    return new CallerCheck(thisService)
        .refusal(token.getAudience(), clientId, allowed)
        .map(
            refused ->
                ApiExceptionMappers.error(refused.status(), refused.code(), refused.getMessage()))
        .orElse(null);
  }

  /**
   * The clients a method accepts. A method open to services that names none accepts no service at
   * all: forgetting the annotation must close an endpoint, not open it to every client.
   */
  static Optional<Set<String>> callers(Method method) {
    InternalCallers callers = method.getAnnotation(InternalCallers.class);
    if (callers == null) {
      callers = method.getDeclaringClass().getAnnotation(InternalCallers.class);
    }
    if (callers != null) {
      return Optional.of(Set.of(callers.value()));
    }
    return opensToServices(method) ? Optional.of(Set.of()) : Optional.empty();
  }

  private static boolean opensToServices(Method method) {
    RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
    if (roles == null) {
      roles = method.getDeclaringClass().getAnnotation(RolesAllowed.class);
    }
    return roles != null && Arrays.asList(roles.value()).contains(SERVICE_ROLE);
  }
}
