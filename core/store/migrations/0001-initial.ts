const now = "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))";

export default `
CREATE TABLE roles (code TEXT PRIMARY KEY, label_zh TEXT NOT NULL) STRICT;
INSERT INTO roles (code, label_zh) VALUES
  ('scanner', '扫描员'), ('judge', '法官/法官助理'), ('clerk', '书记员'), ('archivist', '档案管理员'), ('admin', '管理员');

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT ${now}
) STRICT;

CREATE TABLE user_roles (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL REFERENCES roles(code),
  PRIMARY KEY (user_id, role)
) STRICT;

CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  year INTEGER NOT NULL,
  court_code TEXT NOT NULL,
  type_code TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT ${now},
  created_by TEXT NOT NULL
) STRICT;

CREATE TABLE parties (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  name TEXT NOT NULL
) STRICT;
CREATE INDEX parties_case ON parties(case_id);
CREATE INDEX parties_name ON parties(name);

CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  category TEXT,
  title TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT ${now}
) STRICT;
CREATE INDEX documents_case ON documents(case_id, position);

-- Page files live on disk, content-addressed by sha256; the row is committed only after the file is durable.
CREATE TABLE pages (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
  position INTEGER NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  media_type TEXT NOT NULL,
  width INTEGER,
  height INTEGER,
  dpi INTEGER,
  source TEXT NOT NULL,
  blank INTEGER NOT NULL DEFAULT 0,
  skew REAL,
  created_at TEXT NOT NULL DEFAULT ${now}
) STRICT;
CREATE INDEX pages_case ON pages(case_id, position);

-- search_text drops line breaks: Chinese has no spaces, so a phrase wrapped across two lines
-- (立 / 案) must still be found.
CREATE TABLE page_text (
  page_id INTEGER PRIMARY KEY REFERENCES pages(id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  search_text TEXT GENERATED ALWAYS AS (replace(replace(text, char(13), ''), char(10), '')) VIRTUAL,
  words_json TEXT,
  lang TEXT NOT NULL,
  engine TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT ${now}
) STRICT;

-- Trigram index for queries of three characters or more; shorter Chinese queries use instr() over search_text.
CREATE VIRTUAL TABLE page_text_fts USING fts5(search_text, content='page_text', content_rowid='page_id', tokenize='trigram');
CREATE TRIGGER page_text_ai AFTER INSERT ON page_text BEGIN
  INSERT INTO page_text_fts(rowid, search_text) VALUES (new.page_id, new.search_text);
END;
CREATE TRIGGER page_text_ad AFTER DELETE ON page_text BEGIN
  INSERT INTO page_text_fts(page_text_fts, rowid, search_text) VALUES ('delete', old.page_id, old.search_text);
END;
CREATE TRIGGER page_text_au AFTER UPDATE ON page_text BEGIN
  INSERT INTO page_text_fts(page_text_fts, rowid, search_text) VALUES ('delete', old.page_id, old.search_text);
  INSERT INTO page_text_fts(rowid, search_text) VALUES (new.page_id, new.search_text);
END;

CREATE TABLE catalogue_entries (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  category TEXT NOT NULL,
  confidence REAL,
  fields_json TEXT,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL DEFAULT ${now}
) STRICT;
CREATE INDEX catalogue_entries_document ON catalogue_entries(document_id);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL DEFAULT ${now},
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- Written in the same transaction as the change it reports; drained in id order by sync.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  topic TEXT NOT NULL,
  payload_json TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT ${now},
  acked_at TEXT
) STRICT;
CREATE INDEX outbox_pending ON outbox(id) WHERE acked_at IS NULL;
`;
