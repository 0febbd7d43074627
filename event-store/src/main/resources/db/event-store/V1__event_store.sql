-- The event store of one service, in a schema of its own so that it is migrated (and versioned)
-- apart from the service's tables.

-- One row a stream: its current version is what appends compare against (optimistic concurrency),
-- and the row lock it takes orders the appends of one stream.
CREATE TABLE streams (
  stream_id   text PRIMARY KEY,
  stream_type text NOT NULL,
  tenant_id   text NOT NULL,
  version     bigint NOT NULL CHECK (version > 0)
);

-- Every event ever appended; never updated, never deleted.
CREATE TABLE events (
  position    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  stream_id   text NOT NULL REFERENCES streams (stream_id),
  version     bigint NOT NULL,
  event_id    uuid NOT NULL,
  event_type  text NOT NULL,
  tenant_id   text NOT NULL,
  occurred_at timestamptz NOT NULL,
  data        jsonb NOT NULL,
  UNIQUE (stream_id, version)
);
-- No index on event_id or tenant: every index is work on the append path. Consumers recognise
-- redeliveries by (stream, version); operator queries by tenant scan or add their index later.

-- Events waiting for the relay. A row is inserted in the appending transaction and deleted once
-- Kafka acknowledged the event, so the unpublished rows are the relay's durable checkpoint.
-- Its ids are assigned while the stream row is locked, so within a stream they follow versions.
CREATE TABLE outbox (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_position bigint NOT NULL REFERENCES events (position)
);

-- What the relay published last and when: for operators and metrics, not for correctness.
CREATE TABLE relay_progress (
  relay                text PRIMARY KEY,
  last_event_position  bigint NOT NULL,
  published_total      bigint NOT NULL,
  updated_at           timestamptz NOT NULL
);

-- Per consumer and source stream: the highest version applied. A redelivered or republished event
-- (its version not above this) is skipped, in the same transaction as the projection change.
CREATE TABLE consumer_streams (
  consumer  text NOT NULL,
  source    text NOT NULL,
  stream_id text NOT NULL,
  version   bigint NOT NULL,
  PRIMARY KEY (consumer, source, stream_id)
);

-- Per consumer and partition: the next offset to read. Dropping a consumer's rows (and its
-- projection's tables) rebuilds it from the beginning of its topics.
CREATE TABLE consumer_checkpoints (
  consumer    text NOT NULL,
  topic       text NOT NULL,
  partition   int NOT NULL,
  next_offset bigint NOT NULL,
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (consumer, topic, partition)
);
