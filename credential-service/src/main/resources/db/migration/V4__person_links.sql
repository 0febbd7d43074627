-- Which Lanyard user a signed-in person is: the identity provider's (issuer, subject), linked once
-- from a verified email (domain PersonBinding). One subject per user: a re-link replaces the old one.
-- Not a projection: it is what people did, kept like a session, and a rebuild leaves it alone.
CREATE TABLE person_links (
  issuer    text NOT NULL,
  subject   text NOT NULL,
  tenant_id text NOT NULL,
  user_id   uuid NOT NULL UNIQUE,
  linked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer, subject)
);
