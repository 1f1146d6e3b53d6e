const now = "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))";

export default `
-- One OCR job per page. Higher priority runs first (the page on screen is bumped to the top);
-- a job left 'running' by a crash is put back to 'queued' when the runner starts.
CREATE TABLE ocr_jobs (
  id INTEGER PRIMARY KEY,
  page_id INTEGER NOT NULL UNIQUE REFERENCES pages(id) ON DELETE CASCADE,
  priority INTEGER NOT NULL DEFAULT 0,
  langs TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  created_at TEXT NOT NULL DEFAULT ${now},
  updated_at TEXT NOT NULL DEFAULT ${now},
  started_at TEXT,
  finished_at TEXT
) STRICT;
CREATE INDEX ocr_jobs_next ON ocr_jobs(priority DESC, id) WHERE status = 'queued';
CREATE INDEX ocr_jobs_status ON ocr_jobs(status);
`;
