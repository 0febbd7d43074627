-- Issue 22: CSV imports of users, run as jobs (ADR 6).

-- The imports as their events (UserImportQueued/Progressed/Ended) make them, for the admin API:
-- a read model changed in the appending transaction, rebuildable from the event store.
CREATE TABLE user_imports (
  id           uuid PRIMARY KEY,
  tenant_id    text NOT NULL REFERENCES tenants (id),
  mode         text NOT NULL,
  status       text NOT NULL,
  total        integer NOT NULL,
  done         integer NOT NULL DEFAULT 0,
  failed       integer NOT NULL DEFAULT 0,
  through_line integer NOT NULL DEFAULT 1,
  reason       text,
  requested_by text NOT NULL,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL
);
-- The admin's list, newest first.
CREATE INDEX user_imports_by_tenant ON user_imports (tenant_id, created_at DESC, id);
-- The worker's selection: what is still to run, oldest first per tenant.
CREATE INDEX user_imports_unfinished ON user_imports (tenant_id, created_at, id)
  WHERE status IN ('queued', 'running');

-- Each line's outcome, as the Progressed events report it (a later report of a line replaces the
-- earlier one: credential-service refused a code after the user was created).
CREATE TABLE user_import_results (
  import_id uuid NOT NULL REFERENCES user_imports (id),
  line      integer NOT NULL,
  user_id   uuid,
  outcome   text NOT NULL,
  reason    text,
  PRIMARY KEY (import_id, line)
);

-- The parsed lines waiting for the worker. Not a read model: the file itself, which no event holds.
-- Codes and card numbers are sealed (AES-GCM under identity's "import" purpose key); a line is
-- deleted once done, and every line when the import ends, except the lines whose users were created
-- and whose code or card credential-service has yet to receive (owed), deleted once handed over.
CREATE TABLE user_import_lines (
  import_id    uuid NOT NULL,
  line         integer NOT NULL,
  tenant_id    text NOT NULL,
  user_id      uuid,
  username     text,
  display_name text,
  email        text,
  org_unit     text,
  sealed_code  text,
  sealed_card  text,
  refused      text,
  owed         boolean NOT NULL DEFAULT false,
  PRIMARY KEY (import_id, line),
  CHECK ((refused IS NULL) = (user_id IS NOT NULL AND username IS NOT NULL AND email IS NOT NULL))
);
CREATE INDEX user_import_lines_owed ON user_import_lines (import_id, line) WHERE owed;
