package io.lanyard.web.web;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is signed in, as the header of every page shows them. */
public record Person(String name, String tenant, boolean admin, boolean operator) {

  public static Person of(SecurityIdentity identity) {
    String name = identity.getPrincipal() == null ? "" : identity.getPrincipal().getName();
    String tenant = null;
    if (identity.getPrincipal() instanceof JsonWebToken token) {
      Object email = token.getClaim("email");
      name = email != null ? email.toString() : name;
      Object claim = token.getClaim("tenant_id");
      tenant = claim == null ? null : claim.toString();
    }
    return new Person(
        name, tenant, identity.hasRole(PageRole.ADMIN), identity.hasRole(PageRole.OPERATOR));
  }
}
