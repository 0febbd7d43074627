package io.lanyard.runtime.api;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Marks every answer of a {@link CarriesSecret} method as not to be stored, errors included. */
public class NoStoreFilter {

  @ServerResponseFilter
  public void noStore(ResourceInfo resource, ContainerResponseContext response) {
    Method method = resource.getResourceMethod();
    if (method != null
        && (method.isAnnotationPresent(CarriesSecret.class)
            || method.getDeclaringClass().isAnnotationPresent(CarriesSecret.class))) {
      response.getHeaders().putSingle("Cache-Control", "no-store");
      response.getHeaders().putSingle("Pragma", "no-cache");
    }
  }
}
