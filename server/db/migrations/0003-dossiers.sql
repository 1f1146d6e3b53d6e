CREATE TABLE dossiers (
  id text PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases (id),
  created_by_workstation text NOT NULL REFERENCES workstations (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dossiers_case ON dossiers (case_id);

-- Bytes live in the blob store under sha256; a version is ingested exactly once per idempotency key
-- (workstation id : dossier id : sha256) and a dossier never holds the same bytes twice.
CREATE TABLE dossier_versions (
  id bigserial PRIMARY KEY,
  dossier_id text NOT NULL REFERENCES dossiers (id),
  version_no integer NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  byte_length bigint NOT NULL CHECK (byte_length > 0),
  page_count integer NOT NULL CHECK (page_count > 0),
  workstation_id text NOT NULL REFERENCES workstations (id),
  uploaded_by bigint REFERENCES users (id),
  idempotency_key text NOT NULL UNIQUE,
  checkpoint_note text NOT NULL,
  checkpoint_size bigint NOT NULL,
  checkpoint_root text NOT NULL,
  checkpoint_proven boolean NOT NULL,
  ingested_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (dossier_id, sha256),
  UNIQUE (dossier_id, version_no)
);

-- One row per page; per-page text and thumbnails attach here once the server reads the PDF.
CREATE TABLE pages (
  version_id bigint NOT NULL REFERENCES dossier_versions (id) ON DELETE CASCADE,
  page_no integer NOT NULL CHECK (page_no > 0),
  PRIMARY KEY (version_id, page_no)
);

-- Outbox rows other than dossier versions, kept once per (workstation, outbox id).
CREATE TABLE workstation_events (
  workstation_id text NOT NULL REFERENCES workstations (id),
  outbox_id bigint NOT NULL,
  topic text NOT NULL,
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workstation_id, outbox_id)
);
