package io.lanyard.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The public paths each service serves, read from its JAX-RS resources' class-level {@code @Path}s
 * (path parameters filled in), so that a resource added to a service without its Ingress route is
 * found by a test rather than by a customer whose request reaches the console's catch-all.
 */
final class ServicePublicPaths {

  static final List<String> SERVICES =
      List.of(
          "identity-service",
          "credential-service",
          "directory-sync-service",
          "notification-service",
          "device-gateway");

  /** The prefixes the Ingress publishes; /ops, /internal and /q stay inside the cluster. */
  private static final Pattern PUBLIC_PATH =
      Pattern.compile(
          "^@Path\\(\"(/(?:admin|me|device|scim|webhooks)(?:/[^\"]*)?)\"\\)", Pattern.MULTILINE);

  private static final Pattern PARAMETER = Pattern.compile("\\{[^}]+}");

  private ServicePublicPaths() {}

  /** Request path (parameters filled) to the service serving it. */
  static Map<String, String> read(Path root) {
    Map<String, String> paths = new TreeMap<>();
    for (String service : SERVICES) {
      try (Stream<Path> files = Files.walk(root.resolve(service).resolve("src/main/java"))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          Matcher path = PUBLIC_PATH.matcher(Files.readString(file));
          while (path.find()) {
            paths.put(PARAMETER.matcher(path.group(1)).replaceAll("x"), service);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (paths.size() < SERVICES.size()) {
      throw new AssertionError("found too few public resources to check: " + paths);
    }
    return paths;
  }
}
