package io.lanyard.web.pages;

import io.lanyard.web.web.Messages;
import java.util.Map;

/** One line of a user's credential history, in the admin's language. */
public record HistoryLine(String at, String what, String by) {

  /**
   * @param userId the user whose history it is: what they did themselves (on the portal) is said
   *     so, not shown as their id
   */
  static HistoryLine of(Map<String, Object> entry, String userId, Messages text) {
    String event = String.valueOf(entry.get("event"));
    String what =
        switch (event) {
          case "access_code_changed" ->
              Boolean.TRUE.equals(entry.get("notifyUser"))
                  ? text.ev_access_code_changed_emailed()
                  : text.ev_access_code_changed();
          case "access_code_revealed" -> text.ev_access_code_revealed();
          case "card_registered" ->
              text.ev_card_registered()
                  + " "
                  + String.valueOf(entry.getOrDefault("maskedNumber", ""));
          case "card_removed" -> text.ev_card_removed();
          case "credentials_revoked" -> text.ev_credentials_revoked();
          case "access_code_email_requested" -> text.ev_access_code_email_requested();
          default -> event;
        };
    Object by = entry.get("by");
    String who = by == null ? "" : by.toString();
    return new HistoryLine(
        String.valueOf(entry.get("at")),
        what,
        who.equalsIgnoreCase(userId) ? text.by_the_user() : who);
  }
}
