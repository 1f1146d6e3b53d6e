const now = "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))";

export default `
-- Page numbers within a case are 1…n, each once: earlier stores are renumbered in their order
-- (a no-op for stores capture wrote), then the index keeps every edit honest.
UPDATE pages SET position = r.n
  FROM (SELECT id, row_number() OVER (PARTITION BY case_id ORDER BY position, id) AS n FROM pages) AS r
 WHERE r.id = pages.id AND pages.position <> r.n;
CREATE UNIQUE INDEX pages_case_position ON pages(case_id, position);

-- Pages the operator removed from a case (删除页面): the row and its OCR text as they were, so
-- 撤销 can put the page back. The master stays in the blob store and its ledger leaf in the log.
CREATE TABLE removed_pages (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  page_id INTEGER NOT NULL,
  position INTEGER NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  page_json TEXT NOT NULL,
  text_json TEXT,
  removed_by TEXT NOT NULL,
  removed_at TEXT NOT NULL DEFAULT ${now},
  restored_page_id INTEGER,
  restored_by TEXT,
  restored_at TEXT
) STRICT;
CREATE INDEX removed_pages_case ON removed_pages(case_id, id);

-- 收件回执 as issued: the number printed on the paper, what it listed and the PDF's hash (the PDF
-- itself is in the blob store), so a receipt can be shown again and checked later.
CREATE TABLE intake_receipts (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  number TEXT NOT NULL UNIQUE,
  pages INTEGER NOT NULL,
  content_json TEXT NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  issued_by TEXT NOT NULL,
  issued_at TEXT NOT NULL DEFAULT ${now}
) STRICT;
CREATE INDEX intake_receipts_case ON intake_receipts(case_id, id);
`;
