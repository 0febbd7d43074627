package io.lanyard.web.pages;

import io.lanyard.web.web.Pages;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Where signing out ends (the identity provider's session is ended too): a way back in. */
@Path("/signed-out")
@Produces(MediaType.TEXT_HTML)
public class SignedOutPage {

  @Inject Pages pages;

  @Inject
  @Location("signed-out.html")
  Template signedOut;

  @GET
  public String page() {
    return pages.render(signedOut.instance()).render();
  }
}
