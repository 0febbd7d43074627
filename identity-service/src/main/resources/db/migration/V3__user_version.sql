-- The user's stream version, kept with the read model: directory-sync answers SCIM writes with it
-- (the resource's ETag) without waiting for the event to reach it.
ALTER TABLE users ADD COLUMN version bigint NOT NULL DEFAULT 1;
