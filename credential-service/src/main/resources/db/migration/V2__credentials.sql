-- What credential-service knows of tenants and users (from lanyard.identity.events), and its read
-- models of codes and cards (changed in the transaction that appends the credential events).

CREATE TABLE known_tenants (
  id     text PRIMARY KEY,
  status text NOT NULL
);

CREATE TABLE known_users (
  id        uuid PRIMARY KEY,
  tenant_id text NOT NULL,
  email     text NOT NULL,
  status    text NOT NULL
);
CREATE INDEX known_users_by_email ON known_users (tenant_id, email);

-- One row per user with a code. The keyed hash is unique per tenant: that is where "code in use"
-- is decided, also between two admins setting the same code at once.
CREATE TABLE access_codes (
  user_id         uuid PRIMARY KEY,
  tenant_id       text NOT NULL,
  code_hash       text NOT NULL,
  code_ciphertext text NOT NULL,
  reason          text NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE UNIQUE INDEX access_codes_code_in_use ON access_codes (tenant_id, code_hash);

CREATE TABLE cards (
  id              uuid PRIMARY KEY,
  user_id         uuid NOT NULL,
  tenant_id       text NOT NULL,
  card_hash       text NOT NULL,
  card_ciphertext text NOT NULL,
  masked_number   text NOT NULL,
  label           text,
  source          text NOT NULL,
  created_at      timestamptz NOT NULL
);
CREATE UNIQUE INDEX cards_card_in_use ON cards (tenant_id, card_hash);
CREATE INDEX cards_by_user ON cards (user_id);
