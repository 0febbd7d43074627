-- The tenants directory-sync knows of (identity's events), for its admin API.
CREATE TABLE known_tenants (
    id     text PRIMARY KEY,
    status text NOT NULL
);

-- Each tenant's SCIM secret token, as its SHA-256: one per tenant, replaced by a new one.
CREATE TABLE scim_tokens (
    tenant_id  text PRIMARY KEY,
    token_hash text NOT NULL UNIQUE,
    issued_at  timestamptz NOT NULL
);
