-- The cost of a 100,000-line import grew with its length (docs/benchmarks.md): each step reloaded the
-- import's whole stream, whose progress reports carry every line's outcome, and each staged line was
-- written three times (inserted, marked owed, deleted) with scans over the dead versions.

-- The stream version the read model is at: the worker decides each step from this row (it holds all
-- an import's decisions need) and appends expecting this version, instead of loading the stream.
ALTER TABLE user_imports ADD COLUMN version bigint;
DO $$
BEGIN
  IF to_regclass('event_store.streams') IS NOT NULL THEN
    UPDATE user_imports i SET version = s.version
      FROM event_store.streams s WHERE s.stream_id = i.id::text;
  END IF;
END $$;

-- How far an import's codes and cards have reached credential-service: every staged line up to
-- here is done and deleted; the lines after it, up to the import's through_line, are owed (those
-- whose users were created with a code or card) or wait to be deleted with them.
CREATE TABLE user_import_handovers (
  import_id      uuid PRIMARY KEY REFERENCES user_imports (id),
  tenant_id      text NOT NULL,
  handed_through integer NOT NULL
);
-- Under the old bookkeeping the lines left up to through_line are exactly the owed ones.
INSERT INTO user_import_handovers (import_id, tenant_id, handed_through)
  SELECT id, tenant_id, 1 FROM user_imports;

DROP INDEX user_import_lines_owed;
ALTER TABLE user_import_lines DROP COLUMN owed;
