package io.lanyard.web.pages;

import io.lanyard.web.web.JobsMessages;

/**
 * What a "Cancel" without scripts did, carried in the address it redirects to ({@code
 * ?cancel=done}), so the page it lands on can say so and a reload only reads the page again.
 */
enum CancelOutcome {
  /** The service stopped the job. */
  DONE("done"),
  /** The job had ended before the cancel reached it (the service's 409 {@code job_finished}). */
  ENDED("ended");

  final String wire;

  CancelOutcome(String wire) {
    this.wire = wire;
  }

  /** The notice for {@code ?cancel=}, or null for no value or one the console never sends. */
  static Notice notice(String wire, JobsMessages words) {
    if (DONE.wire.equals(wire)) {
      return Notice.ok(words.job_cancelled());
    }
    if (ENDED.wire.equals(wire)) {
      return Notice.problem(words.job_already_ended());
    }
    return null;
  }
}
