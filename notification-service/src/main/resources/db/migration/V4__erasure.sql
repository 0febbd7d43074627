-- Issue 23 (ADR 7): erasure. UserErased removes a deleted person's username, display name and
-- email from recipients (so they may now be null), and the addresses and error texts from their
-- lines of the delivery log (mails.address was nullable already; last_error too).
ALTER TABLE recipients
    ALTER COLUMN username DROP NOT NULL,
    ALTER COLUMN display_name DROP NOT NULL,
    ALTER COLUMN email DROP NOT NULL;

-- The users identity-service erased: part of the projection (UserErased rebuilds it), so a later
-- event about them (a republished UserCreated, a replay) writes their personal fields as null.
-- Ids only.
CREATE TABLE erased_users (
    user_id   uuid PRIMARY KEY,
    tenant_id text NOT NULL
);
