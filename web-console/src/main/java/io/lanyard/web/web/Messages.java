package io.lanyard.web.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Every text a page shows, in English; German in {@code messages/msg_de.properties}. Templates use
 * them as {@code {msg:name}}; the language is the one the browser prefers ({@link Pages}).
 */
@MessageBundle("msg")
public interface Messages {

  @Message("Lanyard")
  String app_name();

  @Message("Skip to content")
  String skip();

  @Message("Main")
  String nav_label();

  @Message("My code")
  String nav_portal();

  @Message("Users")
  String nav_users();

  @Message("Devices")
  String nav_devices();

  @Message("Directory")
  String nav_directory();

  @Message("Policy")
  String nav_policy();

  @Message("Email")
  String nav_settings();

  @Message("Tenants")
  String nav_tenants();

  @Message("Projections")
  String nav_projections();

  @Message("Sign out")
  String sign_out();

  @Message("Your access code")
  String portal_title();

  @Message("Type this code at the printer to release your print jobs.")
  String portal_intro();

  @Message("Access code")
  String code_label();

  @Message("Show code")
  String code_show();

  @Message("Hide code")
  String code_hide();

  @Message("You have no access code yet. Your administrator can give you one.")
  String code_none();

  @Message("Email me my code")
  String email_me();

  @Message("Your code is on its way to your email address.")
  String email_sent();

  @Message("You asked for your code a moment ago. Please try again later.")
  String too_many_reminders();

  @Message("Your cards")
  String cards_title();

  @Message(
      "No card is registered for you. Swipe a card at a printer after typing your code to add it.")
  String cards_none();

  @Message("Card")
  String card_label();

  @Message("Remove")
  String card_remove();

  @Message("Remove card {label}")
  String card_remove_named(String label);

  @Message("The card is removed: it no longer works at the printer.")
  String card_removed();

  @Message(
      "Your email address is not verified by your sign-in provider. Verify it, then sign in again.")
  String email_not_verified();

  @Message("Your Lanyard user is suspended or deleted. Ask your administrator.")
  String user_inactive();

  @Message(
      "Lanyard has no user with your email address in your organisation. Ask your administrator.")
  String no_user();

  @Message("That did not work: {message}")
  String refused(String message);

  @Message("Not for you")
  String forbidden_title();

  @Message("This page needs the role {role}. Ask your administrator if you should have it.")
  String forbidden_text(String role);

  @Message("Back to your code")
  String back_home();

  @Message("Not available")
  String unavailable_title();

  @Message("A Lanyard service is not answering. Please try again in a moment.")
  String unavailable_text();

  @Message("You are signed out")
  String signed_out_title();

  @Message("Sign in again")
  String sign_in();

  @Message("Search by name, username or email")
  String users_search();

  @Message("Search")
  String users_search_button();

  @Message("{#if total == 1}1 user{#else}{total} users{/if}")
  String users_found(long total);

  @Message("Name")
  String user_name();

  @Message("Email")
  String user_email();

  @Message("Status")
  String user_status();

  @Message("Origin")
  String user_origin();

  @Message("Pages")
  String paging();

  @Message("Previous")
  String previous();

  @Message("Next")
  String next();
}
