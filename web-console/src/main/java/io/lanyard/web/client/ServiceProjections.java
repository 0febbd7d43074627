package io.lanyard.web.client;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * The projections API of each of the five services, at the URL the console calls it by ({@code
 * quarkus.rest-client.<service>.url}): one interface, five clients.
 */
@ApplicationScoped
public class ServiceProjections {

  public static final List<String> SERVICES =
      List.of(
          "identity-service",
          "credential-service",
          "directory-sync-service",
          "notification-service",
          "device-gateway");

  private final Map<String, ProjectionsApi> clients = new LinkedHashMap<>();

  ServiceProjections(Config config) {
    for (String service : SERVICES) {
      String url = config.getValue("quarkus.rest-client." + service + ".url", String.class);
      clients.put(
          service,
          QuarkusRestClientBuilder.newBuilder()
              .baseUri(URI.create(url))
              .build(ProjectionsApi.class));
    }
  }

  public ProjectionsApi of(String service) {
    ProjectionsApi client = clients.get(service);
    if (client == null) {
      throw new IllegalArgumentException("no such service");
    }
    return client;
  }
}
