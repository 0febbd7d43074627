-- Each tenant's credential policy as it is now (the default when a tenant has no row).
CREATE TABLE policies (
  tenant_id text PRIMARY KEY,
  policy    jsonb NOT NULL
);
