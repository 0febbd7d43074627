-- Registered devices as admins list them; written in the transaction that appends the device's events.
CREATE TABLE devices (
    id               uuid PRIMARY KEY,
    tenant_id        text NOT NULL,
    name             text NOT NULL,
    location         text,
    version          bigint NOT NULL,
    registered_at    timestamptz NOT NULL,
    token_rotated_at timestamptz,
    revoked_at       timestamptz
);
CREATE INDEX devices_by_tenant ON devices (tenant_id, registered_at, id) WHERE revoked_at IS NULL;

-- Lockouts, shared by every gateway replica. A row exists only for a device with failures on record:
-- the success path of a clean device reads its absence from memory and writes nothing.
CREATE TABLE device_lockouts (
    device_id    uuid PRIMARY KEY,
    tenant_id    text NOT NULL,
    failures     bigint[] NOT NULL, -- epoch milliseconds of the failures in the current window
    locks        integer NOT NULL,
    locked_until timestamptz,
    updated_at   timestamptz NOT NULL
);

-- Failed attempts, for the admin's view of a device and to slow a tenant under a burst of failures.
CREATE TABLE device_failures (
    id        bigserial PRIMARY KEY,
    device_id uuid NOT NULL,
    tenant_id text NOT NULL,
    at        timestamptz NOT NULL,
    kind      text NOT NULL
);
CREATE INDEX device_failures_by_device ON device_failures (device_id, at DESC);
CREATE INDEX device_failures_by_tenant ON device_failures (tenant_id, at);
