package io.lanyard.notification.application;

import io.lanyard.notification.domain.MailDates;
import io.lanyard.notification.domain.MailDetails;
import io.lanyard.notification.domain.MailKind;
import io.lanyard.notification.domain.MailSettings;
import io.lanyard.notification.domain.TemplateLocales;
import io.lanyard.notification.infra.QrCodes;
import io.lanyard.notification.infra.Recipients.Recipient;
import io.quarkus.mailer.Mail;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds an email from its Qute templates ({@code templates/mail/<kind>.<language>.html|txt}) in
 * the user's language where a translation exists. The code goes into the body and nowhere else.
 */
@ApplicationScoped
public class MailComposer {

  static final Set<String> LANGUAGES = Set.of("en", "de");
  private static final String QR_CID = "portal-qr@lanyard";

  private final Engine engine;
  private final String fromAddress;
  private final String defaultPortalUrl;

  MailComposer(
      Engine engine,
      @ConfigProperty(name = "lanyard.notification.from-address") String fromAddress,
      @ConfigProperty(name = "lanyard.notification.portal-url") String defaultPortalUrl) {
    this.engine = engine;
    this.fromAddress = fromAddress;
    this.defaultPortalUrl = defaultPortalUrl;
  }

  /**
   * The email of this kind for the user.
   *
   * @param code the user's code in clear; null for an email that shows none (the rotation notice)
   */
  public Mail compose(
      MailKind kind,
      Recipient recipient,
      String address,
      MailSettings settings,
      List<String> maskedCards,
      String code,
      MailDetails details) {
    String language = TemplateLocales.pick(recipient.locale(), LANGUAGES);
    String portalUrl = settings.portalUrl() != null ? settings.portalUrl() : defaultPortalUrl;
    // Every name the templates use is always present (Qute renders strictly): empty text and 0
    // stand for what this email does not have.
    Map<String, Object> data = new HashMap<>();
    data.put("name", recipient.displayName());
    data.put("code", code == null ? "" : code);
    data.put("cards", maskedCards);
    data.put("portalUrl", portalUrl);
    data.put("guest", recipient.hasWindow());
    data.put("validFrom", readable(recipient.hasWindow() ? recipient.validFrom() : null, language));
    data.put(
        "validUntil", readable(recipient.hasWindow() ? recipient.validUntil() : null, language));
    data.put("rotatesAt", readable(details.rotatesAt(), language));
    data.put("maxCodeAgeDays", details.maxCodeAgeDays() == null ? 0 : details.maxCodeAgeDays());
    Mail mail =
        new Mail()
            .addTo(address != null ? address : recipient.email())
            .setFrom("\"" + settings.senderName() + "\" <" + fromAddress + ">")
            .setSubject(settings.subject(kind, language))
            .setText(render(kind, language, "txt", data))
            .setHtml(render(kind, language, "html", data));
    if (kind == MailKind.INVITATION) {
      mail.addInlineAttachment(
          "portal.png", QrCodes.png(portalUrl, 320), "image/png", "<" + QR_CID + ">");
    }
    return mail;
  }

  private static String readable(Instant when, String language) {
    return when == null ? "" : MailDates.readable(when, language);
  }

  private String render(MailKind kind, String language, String format, Map<String, Object> data) {
    Template template = engine.getTemplate("mail/" + kind.wire() + "." + language + "." + format);
    if (template == null) {
      throw new IllegalStateException("no template for " + kind.wire() + " in " + language);
    }
    return template.data(data).render();
  }
}
