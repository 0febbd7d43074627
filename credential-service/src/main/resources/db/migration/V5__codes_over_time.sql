-- Issue 22 (ADR 6): codes over time.

-- What credential-service knows of each user grows to what the export, the jobs and guests need,
-- kept from identity's UserCreated/UserUpdated/UserSuspended/UserReactivated. Users known before
-- this version lack the new columns until a rebuild fills them (./lanyard replay credential-service).
ALTER TABLE known_users
  ADD COLUMN username     text,
  ADD COLUMN display_name text,
  ADD COLUMN org_unit     text,
  ADD COLUMN origin       text,
  ADD COLUMN kind         text NOT NULL DEFAULT 'person',
  ADD COLUMN valid_from   timestamptz,
  ADD COLUMN valid_until  timestamptz;
-- Exports and jobs walk a tenant's users in pages by id.
CREATE INDEX known_users_by_tenant ON known_users (tenant_id, id);

-- A code's window (valid_from/expires_at; null: none) and what the scheduler recorded about the
-- current code: its passed deadline (expired) and its rotation notice. updated_at is when the
-- code itself was set, which a rotation counts from; a new window does not touch it.
ALTER TABLE access_codes
  ADD COLUMN valid_from       timestamptz,
  ADD COLUMN expires_at       timestamptz,
  ADD COLUMN expired          boolean NOT NULL DEFAULT false,
  ADD COLUMN rotation_noticed boolean NOT NULL DEFAULT false;
-- The scheduler's selections (deadline <= now), on these indexes only.
CREATE INDEX access_codes_expiry_due ON access_codes (expires_at)
  WHERE expires_at IS NOT NULL AND NOT expired;
CREATE INDEX access_codes_by_age ON access_codes (tenant_id, updated_at)
  WHERE reason <> 'directory';
CREATE INDEX policies_rotating ON policies (tenant_id)
  WHERE (policy ->> 'maxCodeAgeDays') IS NOT NULL;

-- The latest identity event (its version in the user's stream) whose guest window the user's code
-- was made to follow. Not a projection: like the credential streams it records what the commands
-- did, and a rebuild leaves it alone, so replaying an older window changes nothing.
CREATE TABLE guest_windows_seen (
  user_id          uuid PRIMARY KEY,
  identity_version bigint NOT NULL
);
