-- The rolling failure budget (more than 20 failures within an hour lock a device, successes or not)
-- and why a device is locked. Failures already on record start the budget.
ALTER TABLE device_lockouts
    ADD COLUMN budget      bigint[] NOT NULL DEFAULT '{}', -- epoch ms of the failures within the hour
    ADD COLUMN lock_reason text;                          -- consecutive_failures | hourly_failure_budget
UPDATE device_lockouts SET budget = failures;

-- Each device's recent reminder requests (at most 10 a minute), shared by every replica. Checked and
-- written before a reminder is appended, so a device over its limit adds no event stream.
CREATE TABLE device_reminder_requests (
    device_id  uuid PRIMARY KEY,
    tenant_id  text NOT NULL,
    requests   bigint[] NOT NULL, -- epoch ms of the requests within the last minute
    updated_at timestamptz NOT NULL
);
