const now = "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))";

export default `
-- Long work (export now; scan, OCR and sync later) as the UI lists it. A queued or running job
-- whose owner process is gone was cut short and is marked interrupted at the next start.
CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled', 'interrupted')),
  done INTEGER NOT NULL DEFAULT 0 CHECK (done >= 0),
  total INTEGER CHECK (total IS NULL OR total >= 0),
  message TEXT NOT NULL DEFAULT '',
  result_json TEXT,
  error_json TEXT,
  owner_pid INTEGER,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT ${now},
  started_at TEXT,
  updated_at TEXT NOT NULL DEFAULT ${now},
  finished_at TEXT
) STRICT;
CREATE INDEX jobs_subject ON jobs(subject, created_at);
CREATE INDEX jobs_active ON jobs(state) WHERE state IN ('queued', 'running');
`;
