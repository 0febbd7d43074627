package io.lanyard.web.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The jobs page's texts (regenerations, imports, the export), in English; German in {@code
 * messages/jobs_de.properties}. Templates use them as {@code {jobs:name}}. A bundle of their own:
 * Qute (3.33) splits a bundle's lookup into methods of 300 messages, and a bundle past 300 failed
 * to load (a VerifyError in the generated chaining), so {@link Messages} stays under that.
 */
@MessageBundle("jobs")
public interface JobsMessages {

  @Message("Code regenerations")
  String jobs_regenerations();

  @Message("User imports")
  String jobs_imports();

  @Message("None yet.")
  String jobs_none();

  @Message("All jobs")
  String jobs_all();

  @Message("Started")
  String job_started();

  @Message("Last progress")
  String job_updated();

  @Message("Status")
  String job_status();

  @Message("Progress")
  String job_progress();

  @Message("Users emailed")
  String job_notify();

  @Message("Reason")
  String job_reason();

  @Message("Queued")
  String job_queued();

  @Message("Running")
  String job_running();

  @Message("Completed")
  String job_completed();

  @Message("Failed")
  String job_failed();

  @Message("Cancelled")
  String job_cancelled_status();

  @Message("{done} of {total}")
  String job_done_of(long done, long total);

  @Message("{count} refused")
  String job_failed_count(long count);

  @Message("Cancel")
  String job_cancel();

  @Message("Cancel the job started {when}")
  String job_cancel_named(String when);

  @Message("The job is cancelled: it stops before its next step; what was done stays done.")
  String job_cancelled();

  @Message("The job had already ended: there was nothing left to cancel.")
  String job_already_ended();

  @Message("Code regeneration")
  String job_regeneration_title();

  @Message("User import")
  String job_import_title();

  @Message("Results")
  String job_results();

  @Message("No results yet.")
  String job_results_none();

  @Message("Line")
  String job_line();

  @Message("User")
  String job_user();

  @Message("Outcome")
  String job_outcome();

  @Message("Created")
  String outcome_created();

  @Message("New code")
  String outcome_regenerated();

  @Message("Refused")
  String outcome_refused();

  @Message("Skipped")
  String outcome_skipped();

  @Message("The code is the directory's: not replaced")
  String reason_directory_managed();

  @Message("Yes")
  String yes();

  @Message("No")
  String no();

  @Message("Regenerate codes")
  String regenerate_title();

  @Message("Gives the chosen users new generated codes, as a job: the page shows its progress.")
  String regenerate_intro();

  @Message("Whose codes")
  String regenerate_whom();

  @Message("All users")
  String regenerate_all();

  @Message("Users in the organisational unit (and its children)")
  String regenerate_org_unit();

  @Message("Users by status and origin")
  String regenerate_filter();

  @Message(
      "Codes from a directory (Google Workspace, Microsoft Entra ID) are skipped: the directory owns them.")
  String regenerate_directory_note();

  @Message("Email each user their new code")
  String regenerate_notify();

  @Message("Regenerate codes")
  String regenerate_button();

  @Message("The regeneration has started; this page follows it.")
  String regeneration_started();

  @Message("Give an organisational unit, such as /Staff.")
  String org_unit_needed();

  @Message("Import users from CSV")
  String import_title();

  @Message(
      "A header line username,displayName,email, optionally orgUnit, accessCode, cardNumber; at most 10 MiB and 100,000 lines.")
  String import_intro();

  @Message("CSV file")
  String import_file();

  @Message("Mode")
  String import_mode();

  @Message("All or nothing")
  String import_all_or_nothing();

  @Message("Line by line")
  String import_per_line();

  @Message("All or nothing: one bad line, and no user is imported")
  String import_all_or_nothing_long();

  @Message("Line by line: import the good lines, report the bad ones")
  String import_per_line_long();

  @Message("Import")
  String import_button();

  @Message("The import has started; this page follows it.")
  String import_started();

  @Message("Choose a CSV file.")
  String csv_needed();

  @Message("The file is larger than 10 MiB: split it into several imports.")
  String csv_too_large();

  @Message("Export")
  String export_title();

  @Message(
      "Every user with their status, origin, where their code came from, its expiry and their cards, as CSV. Card numbers are masked.")
  String export_intro();

  @Message("Download CSV")
  String export_download();

  @Message(
      "Include full card numbers. I understand that the file then holds them in clear, and that each user's history records this export.")
  String export_confirm();

  @Message("Download with full card numbers")
  String export_download_full();

  @Message(
      "Card numbers in clear are exported only when you confirm it: tick the box, then download again.")
  String export_confirm_needed();
}
