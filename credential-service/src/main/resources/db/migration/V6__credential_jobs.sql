-- Issue 22 (ADR 6): credential jobs. Each job is its own event stream (CredentialJobQueued,
-- CredentialJobProgressed, CredentialJobEnded); these tables are kept with its events in their
-- transactions, like access_codes, and serve the jobs' API and the worker.
CREATE TABLE credential_jobs (
  id           uuid PRIMARY KEY,
  tenant_id    text NOT NULL,
  kind         text NOT NULL,
  notify       boolean NOT NULL,
  status       text NOT NULL,
  total        integer NOT NULL,
  done         integer NOT NULL DEFAULT 0,
  failed       integer NOT NULL DEFAULT 0,
  cursor_id    uuid,
  reason       text,
  requested_by text NOT NULL,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL
);
-- A tenant's jobs, newest first; the worker's round over the jobs still to run.
CREATE INDEX credential_jobs_by_tenant ON credential_jobs (tenant_id, created_at DESC, id DESC);
CREATE INDEX credential_jobs_unfinished ON credential_jobs (tenant_id, created_at, id)
  WHERE status IN ('queued', 'running');

-- One row per user a job has done, in user-id order (the order the job goes in).
CREATE TABLE credential_job_results (
  job_id  uuid NOT NULL,
  user_id uuid NOT NULL,
  outcome text NOT NULL,
  reason  text,
  PRIMARY KEY (job_id, user_id)
);

-- The users a job selected when it was queued (its total), walked in id order after its cursor;
-- deleted when the job ends. Not a projection: like the streams it records what a command
-- decided (the selection at that moment), and a rebuild leaves it alone.
CREATE TABLE credential_job_users (
  job_id  uuid NOT NULL,
  user_id uuid NOT NULL,
  PRIMARY KEY (job_id, user_id)
);
