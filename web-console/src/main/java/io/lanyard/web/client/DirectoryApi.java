package io.lanyard.web.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** directory-sync-service's admin API: the Google connection, its sync runs, the SCIM token. */
@RegisterRestClient(configKey = "directory-sync-service")
@RegisterClientHeaders(ForwardedAccessToken.class)
@Path("/admin/v1/directory")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface DirectoryApi {

  /** The Google connection as the service shows it (the key's account, never the key). */
  record GoogleConnection(
      String customerId,
      String domain,
      String adminSubject,
      String apiRootUrl,
      String syncMode,
      Integer intervalMinutes,
      String source,
      List<String> orgUnits,
      Boolean deleteRemovedUsers,
      Boolean syncAccessCodes,
      Boolean syncCardNumbers,
      String serviceAccount) {

    public static GoogleConnection none() {
      return new GoogleConnection(
          "", "", "", null, "manual", 60, "all", List.of(), false, true, true, null);
    }

    public String orgUnitLines() {
      return orgUnits == null ? "" : String.join("\n", orgUnits);
    }
  }

  record SyncRun(
      String runId,
      String status,
      String trigger,
      String startedAt,
      String finishedAt,
      Map<String, Object> progress,
      Map<String, Object> counts,
      List<Object> errors,
      String failure) {}

  record Started(String runId) {}

  /** The Entra ID provisioning settings: shown this once. */
  record ScimToken(String tenantUrl, String secretToken) {}

  @GET
  @Path("/google")
  GoogleConnection google();

  @PUT
  @Path("/google")
  GoogleConnection saveGoogle(Map<String, Object> settings);

  @POST
  @Path("/google/sync")
  Started sync();

  @GET
  @Path("/sync-runs")
  ApiPage<SyncRun> runs(@QueryParam("size") int size);

  @POST
  @Path("/scim-token")
  ScimToken issueScimToken();

  @DELETE
  @Path("/scim-token")
  void revokeScimToken();
}
