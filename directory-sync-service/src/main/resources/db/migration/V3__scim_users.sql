-- Every user of every tenant as SCIM shows them (from identity's events): Entra ID's filters must see
-- users created by hand too. version is the user's identity stream version (the ETag).
CREATE TABLE scim_users (
    user_id      uuid PRIMARY KEY,
    tenant_id    text NOT NULL,
    user_name    text NOT NULL,
    display_name text NOT NULL,
    email        text NOT NULL,
    locale       text,
    origin       text NOT NULL,
    external_id  text,
    active       boolean NOT NULL,
    deleted      boolean NOT NULL DEFAULT false,
    version      bigint NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);
CREATE INDEX scim_users_by_tenant ON scim_users (tenant_id, created_at, user_id) WHERE NOT deleted;
CREATE INDEX scim_users_by_user_name ON scim_users (tenant_id, lower(user_name)) WHERE NOT deleted;
CREATE INDEX scim_users_by_external_id ON scim_users (tenant_id, external_id) WHERE NOT deleted;
