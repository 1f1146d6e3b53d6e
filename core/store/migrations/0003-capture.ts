const now = "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))";

export default `
-- One run of the scanner feeder, or one imported file. A running batch whose owner process
-- is gone was cut short (crash, power loss) and is marked interrupted at the next start.
CREATE TABLE capture_batches (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('scan', 'import')),
  device TEXT NOT NULL,
  settings_json TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'interrupted', 'cancelled', 'failed')),
  owner_pid INTEGER,
  started_at TEXT NOT NULL DEFAULT ${now},
  ended_at TEXT,
  error_json TEXT,
  created_by TEXT NOT NULL
) STRICT;
CREATE INDEX capture_batches_case ON capture_batches(case_id, id);
CREATE INDEX capture_batches_running ON capture_batches(status) WHERE status = 'running';

ALTER TABLE pages ADD COLUMN batch_id INTEGER REFERENCES capture_batches(id) ON DELETE SET NULL;
ALTER TABLE pages ADD COLUMN batch_seq INTEGER;
ALTER TABLE pages ADD COLUMN thumb_sha256 TEXT CHECK (thumb_sha256 IS NULL OR length(thumb_sha256) = 64);
-- Clockwise quarter turns applied after orientation detection, so a wrong guess can be undone.
ALTER TABLE pages ADD COLUMN rotated INTEGER NOT NULL DEFAULT 0 CHECK (rotated IN (0, 90, 180, 270));
CREATE UNIQUE INDEX pages_batch_seq ON pages(batch_id, batch_seq) WHERE batch_id IS NOT NULL;
`;
