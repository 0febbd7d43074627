-- The W3C traceparent of the request an event was appended in (null outside any trace): the relay's
-- publication continues that trace, and a republication links to it.
ALTER TABLE events ADD COLUMN trace_parent text;

-- Set only on rows queued again by a republish: that request's traceparent ('' when it had none).
-- A republished event starts from the republish, never from the trace it was first published in.
ALTER TABLE outbox ADD COLUMN republished_in text;
