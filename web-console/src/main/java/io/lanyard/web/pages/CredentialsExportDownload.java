package io.lanyard.web.pages;

import io.lanyard.web.client.CredentialExport;
import io.lanyard.web.client.CredentialExport.Download;
import io.lanyard.web.web.JobsMessages;
import io.lanyard.web.web.PageRole;
import io.lanyard.web.web.Pages;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.util.regex.Pattern;

/**
 * The credentials export, passed through as credential-service streams it ({@code
 * /admin/credentials-export}): the file is never whole in the console's memory. Masked card numbers
 * by a link; card numbers in clear only by a form the admin confirms (a POST with its CSRF token,
 * since credential-service records that export in each such user's history).
 */
@Path("/admin/credentials-export")
@PageRole(PageRole.ADMIN)
public class CredentialsExportDownload {

  /** The file name the service gives, when it is a plain one; otherwise the console's own. */
  private static final Pattern PLAIN_DISPOSITION =
      Pattern.compile("attachment; filename=\"[A-Za-z0-9._-]{1,100}\"");

  private static final String FALLBACK_DISPOSITION = "attachment; filename=\"credentials.csv\"";

  @Inject CredentialExport export;
  @Inject Pages pages;

  @GET
  public Response masked() {
    return stream(false);
  }

  @POST
  public Response withFullCardNumbers(@FormParam("confirm") String confirm) {
    if (!"on".equals(confirm)) {
      JobsMessages jobWords = pages.jobMessages();
      return pages.problem(400, jobWords.export_title(), jobWords.export_confirm_needed());
    }
    return stream(true);
  }

  private Response stream(boolean fullCardNumbers) {
    Download download;
    try {
      download = export.open(fullCardNumbers);
    } catch (CredentialExport.Refused refused) {
      return pages.failed(refused.problem());
    }
    String disposition = download.contentDisposition();
    StreamingOutput body =
        out -> {
          try (InputStream in = download.body()) {
            in.transferTo(out);
          }
        };
    return Response.ok(body)
        .type("text/csv; charset=utf-8")
        .header(
            "Content-Disposition",
            disposition != null && PLAIN_DISPOSITION.matcher(disposition).matches()
                ? disposition
                : FALLBACK_DISPOSITION)
        .build();
  }
}
