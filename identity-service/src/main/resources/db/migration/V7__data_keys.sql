-- Issue 23: erasure by crypto-shredding (ADR 7). Each user's data key: 256 random bits under which
-- the person's data in events is sealed, wrapped (AES-256-GCM) under this service's cipher ring with
-- the purpose "data-key" (DataKeyWrapper). Made in the transaction that creates the user; served to
-- the named services by POST /internal/v1/data-keys; destroyed by an erasure, which is what makes
-- what was sealed under it unreadable everywhere, on every topic and in every replay.
--
-- Not a read model: no event holds a key, so this table cannot be rebuilt from the event store, and
-- a backup of it restored after an erasure brings the key back (docs/runbooks/erasure.md). An erased
-- user's row stays, without its key: it says the key is gone for good (the key API answers the user
-- as erased, and never makes a new key for them), and when.
--
-- Users created before this table have no row: the key API makes theirs on first request.
CREATE TABLE user_data_keys (
  user_id     uuid PRIMARY KEY,
  tenant_id   text NOT NULL,
  wrapped_key text,
  created_at  timestamptz NOT NULL,
  erased_at   timestamptz,
  -- A key, or the time it was destroyed: never both, never neither.
  CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL))
);
