const now = "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))";

export default `
-- Sync client settings: server URL, signed-in user, short-lived token, assignment cursor.
-- The workstation id is minted with the store: a fresh store is a fresh ledger, so the server must see a new workstation.
CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
INSERT INTO sync_state (key, value) VALUES ('workstation_id', 'ws-' || lower(hex(randomblob(12))));

-- tus resume URLs; fingerprint = dossier id ':' sha256, so a version resumes on whatever server instance answers.
CREATE TABLE sync_uploads (
  id INTEGER PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  upload_url TEXT NOT NULL,
  size INTEGER,
  metadata_json TEXT NOT NULL,
  creation_time TEXT NOT NULL
) STRICT;
CREATE INDEX sync_uploads_fingerprint ON sync_uploads(fingerprint);

-- The assignment as last pulled: the base that tells a local edit from a server change.
CREATE TABLE sync_assignments (
  case_number TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0,
  server_json TEXT NOT NULL,
  pulled_at TEXT NOT NULL DEFAULT ${now}
) STRICT;

-- Server wins for assignment fields; what the workstation had is kept here for the operator.
CREATE TABLE sync_conflicts (
  id INTEGER PRIMARY KEY,
  case_number TEXT NOT NULL,
  field TEXT NOT NULL,
  local_json TEXT NOT NULL,
  server_json TEXT NOT NULL,
  resolution TEXT NOT NULL DEFAULT 'server',
  detected_at TEXT NOT NULL DEFAULT ${now}
) STRICT;

-- scrypt verifiers for signing in while the server is unreachable (issued per workstation at online login).
CREATE TABLE sync_offline_verifiers (
  username TEXT PRIMARY KEY COLLATE NOCASE,
  display_name TEXT NOT NULL,
  roles_json TEXT NOT NULL,
  verifier TEXT NOT NULL,
  server_url TEXT NOT NULL,
  cached_at TEXT NOT NULL DEFAULT ${now}
) STRICT;

-- Dossier versions the server confirmed, with the number it gave them.
CREATE TABLE sync_versions (
  dossier_id TEXT NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  case_number TEXT NOT NULL,
  server_version_id INTEGER NOT NULL,
  version_no INTEGER NOT NULL,
  confirmed_at TEXT NOT NULL DEFAULT ${now},
  PRIMARY KEY (dossier_id, sha256)
) STRICT;
`;
