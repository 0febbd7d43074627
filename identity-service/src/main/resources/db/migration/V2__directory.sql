-- Read models of identity-service, kept in the same transaction as the events they follow (so an
-- admin reads their own writes, and uniqueness is checked where the write happens). They can be
-- rebuilt from the event store.

CREATE TABLE tenants (
  id         text PRIMARY KEY,
  name       text NOT NULL,
  status     text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE users (
  id           uuid PRIMARY KEY,
  tenant_id    text NOT NULL REFERENCES tenants (id),
  username     text NOT NULL,
  display_name text NOT NULL,
  email        text NOT NULL,
  org_unit     text,
  locale       text,
  status       text NOT NULL,
  origin       text NOT NULL,
  external_id  text,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL
);
-- Usernames and emails are unique per tenant, whatever their case.
CREATE UNIQUE INDEX users_username_taken ON users (tenant_id, lower(username));
CREATE UNIQUE INDEX users_email_taken ON users (tenant_id, email);
CREATE UNIQUE INDEX users_external_id_taken ON users (tenant_id, origin, external_id)
  WHERE external_id IS NOT NULL;
CREATE INDEX users_by_tenant ON users (tenant_id, lower(username));
