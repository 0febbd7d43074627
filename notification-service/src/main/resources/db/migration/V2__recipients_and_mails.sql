-- What notification-service knows of tenants, users, codes and cards (from the identity and
-- credential topics), and the emails it owes. Codes are kept only as the credential events'
-- ciphertexts; they are decrypted when an email is built.
CREATE TABLE tenants (
    id     text PRIMARY KEY,
    status text NOT NULL
);

CREATE TABLE recipients (
    user_id      uuid PRIMARY KEY,
    tenant_id    text NOT NULL,
    username     text NOT NULL,
    display_name text NOT NULL,
    email        text NOT NULL,
    locale       text,
    status       text NOT NULL
);
CREATE INDEX recipients_by_email ON recipients (tenant_id, email);

CREATE TABLE recipient_codes (
    user_id          uuid PRIMARY KEY,
    tenant_id        text NOT NULL,
    code_ciphertext  text NOT NULL,
    -- The first code's event while its user is not known yet: the invitation waits for UserCreated.
    invitation_event uuid
);

CREATE TABLE recipient_cards (
    card_id       uuid PRIMARY KEY,
    user_id       uuid NOT NULL,
    masked_number text NOT NULL,
    created_at    timestamptz NOT NULL
);
CREATE INDEX recipient_cards_by_user ON recipient_cards (user_id);

CREATE TABLE mail_settings (
    tenant_id           text PRIMARY KEY,
    sender_name         text NOT NULL,
    invitations_enabled boolean NOT NULL,
    portal_url          text,
    subjects            jsonb NOT NULL
);

-- The emails owed and sent: the delivery log. One row per (event, kind), so a redelivered or
-- replayed event queues nothing twice. Not part of the projections: a rebuild keeps it.
CREATE TABLE mails (
    id              uuid PRIMARY KEY,
    source_event_id uuid,
    kind            text NOT NULL,
    tenant_id       text NOT NULL,
    user_id         uuid NOT NULL,
    address         text,
    code_ciphertext text NOT NULL,
    status          text NOT NULL,
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    last_error      text,
    UNIQUE (source_event_id, kind)
);
CREATE INDEX mails_due ON mails (next_attempt_at) WHERE status = 'pending';
CREATE INDEX mails_by_user ON mails (user_id, created_at, id);
