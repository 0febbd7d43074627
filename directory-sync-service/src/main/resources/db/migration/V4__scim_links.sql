-- The externalId a SCIM client gave a user, from directory-sync's own DirectoryUserLinked events.
-- Kept apart from scim_users so that a replay applies links and identity's events in any order:
-- a user's creation, arriving after its link, still takes the linked externalId.
CREATE TABLE scim_links (
    user_id     uuid PRIMARY KEY,
    external_id text NOT NULL
);
