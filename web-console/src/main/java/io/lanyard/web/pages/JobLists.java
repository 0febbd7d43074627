package io.lanyard.web.pages;

import io.lanyard.web.client.ApiPage;
import io.lanyard.web.client.Job;

/**
 * The jobs page's two lists, each with why it could not be read (one service down leaves the
 * other's list in place).
 */
public record JobLists(
    ApiPage<Job> regenerations,
    String regenerationsProblem,
    ApiPage<Job> imports,
    String importsProblem) {

  /** A job is queued or running: the page asks for news. */
  public boolean following() {
    return running(regenerations) || running(imports);
  }

  private static boolean running(ApiPage<Job> jobs) {
    return jobs != null && jobs.items().stream().anyMatch(Job::running);
  }
}
