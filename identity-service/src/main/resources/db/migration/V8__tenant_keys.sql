-- Issue 23: a tenant's exit. Each tenant's own key (256 random bits), mixed into every HMAC and AES
-- key the services derive for the tenant from their rings (TenantKeys): credential-service's codes
-- and cards, their copies on lanyard.credential.events, the gateway's lookups, directory-sync's
-- Google key. Wrapped under this service's cipher ring (purpose "tenant-key"); made in the
-- transaction that creates the tenant; served to the named services by POST /internal/v1/tenant-keys;
-- destroyed by the tenant's erasure, after which the rings alone open and find nothing of theirs.
--
-- Not a read model (no event holds a key). Tenants created before this table have no row and keep
-- deriving from the rings alone (the key API answers them "legacy"): docs/runbooks/erasure.md.
CREATE TABLE tenant_keys (
  tenant_id   text PRIMARY KEY,
  wrapped_key text,
  created_at  timestamptz NOT NULL,
  erased_at   timestamptz,
  CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL))
);
