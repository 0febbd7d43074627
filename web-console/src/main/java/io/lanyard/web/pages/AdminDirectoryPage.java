package io.lanyard.web.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanyard.web.client.ApiProblem;
import io.lanyard.web.client.DirectoryApi;
import io.lanyard.web.client.DirectoryApi.GoogleConnection;
import io.lanyard.web.web.Messages;
import io.lanyard.web.web.PageRole;
import io.lanyard.web.web.Pages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The tenant's directories ({@code /admin/directory}): Google Workspace sync settings (the
 * service-account key as a file upload), "Save" and "Save and sync", the sync runs; and Microsoft
 * Entra ID provisioning: "Generate secret token" (shown once, with the tenant URL) and "Revoke".
 */
@Path("/admin/directory")
@PageRole(PageRole.ADMIN)
@Produces(MediaType.TEXT_HTML)
public class AdminDirectoryPage {

  /** A key file is a few kilobytes; anything much larger is not one. */
  static final long MOST_KEY_BYTES = 64 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The page's state: the settings (saved or typed), errors by field, a shown token, a notice. */
  public record View(
      GoogleConnection google,
      boolean connected,
      List<DirectoryApi.SyncRun> runs,
      DirectoryApi.ScimToken scimToken,
      Map<String, String> errors,
      Notice notice) {

    public String error(String field) {
      return errors.get(field);
    }
  }

  @CheckedTemplate
  static class Templates {

    static native TemplateInstance directory(View view);

    static native TemplateInstance directory$content(View view);
  }

  @Inject @RestClient DirectoryApi directory;
  @Inject Pages pages;

  @GET
  public Response page() {
    return answer(null, Map.of(), null, null);
  }

  @POST
  @Path("/google")
  @jakarta.ws.rs.Consumes(MediaType.MULTIPART_FORM_DATA)
  public Response saveGoogle(
      @RestForm String action,
      @RestForm String customerId,
      @RestForm String domain,
      @RestForm String adminSubject,
      @RestForm String apiRootUrl,
      @RestForm String syncMode,
      @RestForm String intervalMinutes,
      @RestForm String source,
      @RestForm String orgUnits,
      @RestForm String deleteRemovedUsers,
      @RestForm String syncAccessCodes,
      @RestForm String syncCardNumbers,
      @RestForm("serviceAccountKey") FileUpload keyFile) {
    Messages text = pages.messages();
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("customerId", blankIsNull(customerId));
    settings.put("domain", blankIsNull(domain));
    settings.put("adminSubject", blankIsNull(adminSubject));
    if (blankIsNull(apiRootUrl) != null) {
      settings.put("apiRootUrl", apiRootUrl.strip());
    }
    settings.put("syncMode", "automatic".equals(syncMode) ? "automatic" : "manual");
    settings.put("source", "org_units".equals(source) ? "org_units" : "all");
    settings.put("orgUnits", lines(orgUnits));
    settings.put("deleteRemovedUsers", "on".equals(deleteRemovedUsers));
    settings.put("syncAccessCodes", "on".equals(syncAccessCodes));
    settings.put("syncCardNumbers", "on".equals(syncCardNumbers));
    GoogleConnection typed =
        new GoogleConnection(
            text(customerId),
            text(domain),
            text(adminSubject),
            blankIsNull(apiRootUrl),
            (String) settings.get("syncMode"),
            null,
            (String) settings.get("source"),
            lines(orgUnits),
            "on".equals(deleteRemovedUsers),
            "on".equals(syncAccessCodes),
            "on".equals(syncCardNumbers),
            null);
    try {
      String interval = text(intervalMinutes);
      if (!interval.isEmpty()) {
        if (!interval.matches("[0-9]{1,5}")) {
          return answer(typed, Map.of("interval_minutes", text.whole_number()), null, null);
        }
        settings.put("intervalMinutes", Integer.valueOf(interval));
      }
      JsonNode key = keyOf(keyFile);
      if (key != null) {
        settings.put("serviceAccountKey", key);
      }
    } catch (IllegalArgumentException notAKey) {
      return answer(typed, Map.of("service_account_key", text.directory_key_invalid()), null, null);
    }
    try {
      directory.saveGoogle(settings);
      if ("sync".equals(action)) {
        directory.sync();
        return answer(null, Map.of(), null, Notice.ok(text.directory_saved_syncing()));
      }
      return answer(null, Map.of(), null, Notice.ok(text.directory_saved()));
    } catch (WebApplicationException refused) {
      ApiProblem problem = ApiProblem.of(refused);
      String field = problem.field() == null ? "google" : problem.field();
      return answer(typed, Map.of(field, problem.said()), null, null);
    }
  }

  @POST
  @Path("/scim-token")
  public Response issueScimToken() {
    try {
      DirectoryApi.ScimToken token = directory.issueScimToken();
      return answer(null, Map.of(), token, Notice.ok(pages.messages().scim_token_issued()));
    } catch (WebApplicationException refused) {
      return answer(null, Map.of(), null, Notice.problem(ApiProblem.of(refused).said()));
    }
  }

  @POST
  @Path("/scim-token/revoke")
  public Response revokeScimToken() {
    try {
      directory.revokeScimToken();
      return answer(null, Map.of(), null, Notice.ok(pages.messages().scim_token_revoked()));
    } catch (WebApplicationException refused) {
      return answer(null, Map.of(), null, Notice.problem(ApiProblem.of(refused).said()));
    }
  }

  /** The page with the saved settings (or {@code typed} ones after a refusal) and the runs. */
  private Response answer(
      GoogleConnection typed,
      Map<String, String> errors,
      DirectoryApi.ScimToken token,
      Notice notice) {
    GoogleConnection google = typed;
    boolean connected = true;
    if (google == null) {
      try {
        google = directory.google();
      } catch (WebApplicationException refused) {
        if (refused.getResponse().getStatus() != 404) {
          return pages.failed(ApiProblem.of(refused));
        }
        google = GoogleConnection.none();
        connected = false;
      }
    }
    List<DirectoryApi.SyncRun> runs = directory.runs(10).items();
    View view = new View(google, connected, runs, token, errors, notice);
    return pages.ok(
        pages.partial() ? Templates.directory$content(view) : Templates.directory(view));
  }

  /** The uploaded key file, as JSON; null when none was chosen (the stored key stays). */
  private static JsonNode keyOf(FileUpload file) {
    if (file == null || file.size() == 0 || file.uploadedFile() == null) {
      return null;
    }
    if (file.size() > MOST_KEY_BYTES) {
      throw new IllegalArgumentException("too large for a key file");
    }
    try {
      JsonNode key = JSON.readTree(Files.readString(file.uploadedFile()));
      if (key == null || !key.isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      return key;
    } catch (IOException unreadable) {
      throw new IllegalArgumentException("not JSON", unreadable);
    }
  }

  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    if (text != null) {
      for (String line : text.split("\\R")) {
        if (!line.isBlank()) {
          lines.add(line.strip());
        }
      }
    }
    return lines;
  }

  private static String text(String value) {
    return value == null ? "" : value.strip();
  }

  private static String blankIsNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
