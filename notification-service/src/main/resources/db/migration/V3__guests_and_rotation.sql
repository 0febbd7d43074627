-- Issue 22 (ADR 6): a guest's window for the invitation, the policy's code age for the rotated
-- code's email, and the rotation notice, the one email that carries no code.
ALTER TABLE recipients
    ADD COLUMN kind        text NOT NULL DEFAULT 'person',
    ADD COLUMN valid_from  timestamptz,
    ADD COLUMN valid_until timestamptz;

-- The credential policy as far as the emails care (from CredentialPolicyChanged).
CREATE TABLE code_policies (
    tenant_id         text PRIMARY KEY,
    max_code_age_days integer
);

-- What an email says besides its code, fixed when it is queued (MailDetails).
ALTER TABLE mails
    ALTER COLUMN code_ciphertext DROP NOT NULL,
    ADD COLUMN rotates_at        timestamptz,
    ADD COLUMN max_code_age_days integer;
