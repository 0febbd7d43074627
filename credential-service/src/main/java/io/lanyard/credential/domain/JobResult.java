package io.lanyard.credential.domain;

import java.util.UUID;

/** One user's result in a job: its outcome and, unless regenerated, why (an error code). */
public record JobResult(UUID userId, JobOutcome outcome, String reason) {}
