-- Issue 23 (ADR 7): erasure. UserErased removes a deleted person's data (email, username, display
-- name) from known_users, so its email may now be null.
ALTER TABLE known_users ALTER COLUMN email DROP NOT NULL;

-- The users identity-service erased: part of the identity projection (UserErased rebuilds it), so
-- a later event about them (a republished UserCreated, a rebuild's replay) writes their personal
-- fields as null. Ids only.
CREATE TABLE erased_users (
  user_id   uuid PRIMARY KEY,
  tenant_id text NOT NULL
);
