-- Issue 23 (ADR 7): erasure. UserErased removes a deleted person's data from the SCIM projection
-- (userName, display name, email, externalId, the name's parts): those columns may now be null.
ALTER TABLE scim_users
    ALTER COLUMN user_name DROP NOT NULL,
    ALTER COLUMN display_name DROP NOT NULL,
    ALTER COLUMN email DROP NOT NULL;
ALTER TABLE scim_links ALTER COLUMN external_id DROP NOT NULL;

-- The users identity-service erased: part of the projection (UserErased rebuilds it), so a later
-- event about them (a republished UserCreated, a rebuild reading directory-sync's own link events
-- after identity's UserErased) writes their personal fields as null. Ids only.
CREATE TABLE erased_users (
    user_id   uuid PRIMARY KEY,
    tenant_id text NOT NULL
);
