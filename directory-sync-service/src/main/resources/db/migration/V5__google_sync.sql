-- A tenant's Google connection (from GoogleConnectionConfigured/Removed): the settings as the API
-- shows them, and the service account key, encrypted.
CREATE TABLE google_connections (
    tenant_id      text PRIMARY KEY,
    settings       jsonb NOT NULL,
    client_email   text NOT NULL,
    key_ciphertext text NOT NULL,
    configured_at  timestamptz NOT NULL
);

-- Sync runs (from DirectorySyncStarted/Completed/Failed), with the progress of a running one, which
-- its replica writes as it goes (heartbeat_at: a run whose replica died is marked failed).
CREATE TABLE sync_runs (
    run_id       uuid PRIMARY KEY,
    tenant_id    text NOT NULL,
    trigger      text NOT NULL,
    status       text NOT NULL,
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    heartbeat_at timestamptz NOT NULL,
    users_seen   integer NOT NULL DEFAULT 0,
    pages_read   integer NOT NULL DEFAULT 0,
    created      integer NOT NULL DEFAULT 0,
    updated      integer NOT NULL DEFAULT 0,
    suspended    integer NOT NULL DEFAULT 0,
    deleted      integer NOT NULL DEFAULT 0,
    unchanged    integer NOT NULL DEFAULT 0,
    failed       integer NOT NULL DEFAULT 0,
    errors       jsonb NOT NULL DEFAULT '[]',
    failure      text
);
-- One run per tenant at a time, across replicas.
CREATE UNIQUE INDEX sync_runs_one_running ON sync_runs (tenant_id) WHERE status = 'running';
CREATE INDEX sync_runs_by_tenant ON sync_runs (tenant_id, started_at DESC);

-- What the last run applied to each Google user (from DirectoryUserSynced/Unlinked).
CREATE TABLE google_users (
    tenant_id           text NOT NULL,
    google_id           text NOT NULL,
    user_id             uuid NOT NULL,
    profile_fingerprint text NOT NULL,
    suspended           boolean NOT NULL,
    code_digest         text,
    card_digest         text,
    PRIMARY KEY (tenant_id, google_id)
);
CREATE INDEX google_users_by_user ON google_users (user_id);

-- The push channel (users.watch) of each automatic tenant: where Google's notifications come from
-- and the token they carry (its SHA-256 only). Operational state, renewed before it expires.
CREATE TABLE google_channels (
    tenant_id   text PRIMARY KEY,
    channel_id  text NOT NULL,
    resource_id text NOT NULL,
    token_hash  text NOT NULL,
    expires_at  timestamptz NOT NULL
);
