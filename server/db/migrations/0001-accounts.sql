-- Users and roles live on the server; workstations cache a verifier for offline sign-in.
CREATE TABLE roles (code text PRIMARY KEY, label_zh text NOT NULL);
INSERT INTO roles (code, label_zh) VALUES
  ('scanner', '扫描员'), ('judge', '法官/法官助理'), ('clerk', '书记员'), ('archivist', '档案管理员'),
  ('admin', '管理员'), ('cms', '案件管理系统（接口账号）');

CREATE TABLE users (
  id bigserial PRIMARY KEY,
  username text NOT NULL,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username ON users (lower(username));

CREATE TABLE user_roles (
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL REFERENCES roles (code),
  PRIMARY KEY (user_id, role)
);

-- One row per workstation store; the last ledger checkpoint it sent is what later ones must extend.
CREATE TABLE workstations (
  id text PRIMARY KEY,
  name text NOT NULL DEFAULT '',
  enabled boolean NOT NULL,
  ledger_key text,
  checkpoint_origin text,
  checkpoint_size bigint,
  checkpoint_root text,
  checkpoint_note text,
  checkpoint_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz
);

-- Bearer tokens are random; only their sha256 is stored, so a database dump cannot be replayed as sessions.
CREATE TABLE sessions (
  token_hash bytea PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  workstation_id text REFERENCES workstations (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_expiry ON sessions (expires_at);
