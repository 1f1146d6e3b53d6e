const now = "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))";

export default `
-- Texts the document classifier learns from: the shipped seed examples and every human correction.
-- The model is rebuilt from these rows at start (a few milliseconds) rather than stored.
CREATE TABLE training_examples (
  id INTEGER PRIMARY KEY,
  text TEXT NOT NULL,
  category TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('seed', 'human')),
  created_by TEXT,
  created_at TEXT NOT NULL DEFAULT ${now}
) STRICT;
CREATE INDEX training_examples_source ON training_examples(source);

-- Small facts about the catalogue data, e.g. the hash of the seed examples last loaded.
CREATE TABLE catalogue_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

-- What the machine proposed for each page when a catalogue was saved from a proposal; compared
-- with the page's document category to measure how often proposals are accepted unchanged.
CREATE TABLE catalogue_proposals (
  page_id INTEGER PRIMARY KEY REFERENCES pages(id) ON DELETE CASCADE,
  category TEXT,
  confidence REAL,
  proposed_at TEXT NOT NULL DEFAULT ${now}
) STRICT;
`;
