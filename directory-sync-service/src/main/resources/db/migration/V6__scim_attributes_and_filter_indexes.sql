-- What a SCIM client sent that identity-service does not keep (from directory-sync's own
-- DirectoryUserLinked events): whether it gave an externalId at all (a user created without one is
-- keyed by their userName, which SCIM must not show as an externalId: RFC 7643 §3.1), and the
-- name's parts as sent (RFC 7643 §4.1.1). In scim_links, so a replay applies links and identity's
-- events in any order; copied into scim_users, which every read and filter uses.
ALTER TABLE scim_links
    ADD COLUMN external_id_given boolean NOT NULL DEFAULT true,
    ADD COLUMN name_formatted    text,
    ADD COLUMN given_name        text,
    ADD COLUMN family_name       text,
    ADD COLUMN middle_name       text,
    ADD COLUMN honorific_prefix  text,
    ADD COLUMN honorific_suffix  text;
ALTER TABLE scim_users
    ADD COLUMN external_id_given boolean NOT NULL DEFAULT true,
    ADD COLUMN name_formatted    text,
    ADD COLUMN given_name        text,
    ADD COLUMN family_name       text,
    ADD COLUMN middle_name       text,
    ADD COLUMN honorific_prefix  text,
    ADD COLUMN honorific_suffix  text;

-- Every SCIM filter is answered by PostgreSQL, the page cut there too (ScimUserSql): nothing loads a
-- tenant's users into the service. Entra's matching filter is an equality on the work email.
CREATE INDEX scim_users_by_email ON scim_users (tenant_id, lower(email)) WHERE NOT deleted;

-- co, sw and ew on the attributes clients search by substring: trigram indexes (pg_trgm is a
-- trusted extension since PostgreSQL 13: the database's owner may create it, no superuser needed).
-- Other attributes' substring filters are evaluated by PostgreSQL over the tenant's rows.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX scim_users_user_name_trigrams ON scim_users USING gin (lower(user_name) gin_trgm_ops)
    WHERE NOT deleted;
CREATE INDEX scim_users_email_trigrams ON scim_users USING gin (lower(email) gin_trgm_ops)
    WHERE NOT deleted;
CREATE INDEX scim_users_display_name_trigrams ON scim_users
    USING gin (lower(display_name) gin_trgm_ops) WHERE NOT deleted;
CREATE INDEX scim_users_external_id_trigrams ON scim_users USING gin (external_id gin_trgm_ops)
    WHERE NOT deleted;
