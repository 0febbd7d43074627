-- Issue 22: guests (a user with a validity window) and tenant settings. Rebuildable from the event
-- store like the rest of the read models.

-- Every user before this migration is a person: the events that made them carry no kind.
ALTER TABLE users ADD COLUMN kind text NOT NULL DEFAULT 'person';
ALTER TABLE users ADD COLUMN valid_from timestamptz;
ALTER TABLE users ADD COLUMN valid_until timestamptz;
ALTER TABLE users ADD CONSTRAINT users_guest_has_window
  CHECK ((kind = 'guest') = (valid_from IS NOT NULL AND valid_until IS NOT NULL));

-- The scheduler's two selections, each by the end of the window and in that order: active guests
-- whose window ended (to suspend), and all guests whose window ended longer ago than their
-- tenant keeps them (to delete). Partial, so the tenant's people cost them nothing.
CREATE INDEX users_guests_to_suspend ON users (valid_until, id)
  WHERE kind = 'guest' AND status = 'active';
CREATE INDEX users_guests_by_window_end ON users (valid_until, id) WHERE kind = 'guest';
-- The admin list's kind filter.
CREATE INDEX users_by_kind ON users (tenant_id, kind);

-- Null: the tenant never changed it, and the default applies (TenantSettings.DEFAULT).
ALTER TABLE tenants ADD COLUMN guest_retention_days integer;
