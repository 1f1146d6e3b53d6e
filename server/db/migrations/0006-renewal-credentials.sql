-- Long-lived credentials issued with a workstation-bound login, so a workstation offline for longer than a
-- token lives gets a fresh token without the password. Only their sha256 is stored. Single use: each renewal
-- revokes the one presented ('rotated') and issues a successor with the same expiry; a rotated one presented
-- again means a copy exists, and every renewal credential of that workstation is revoked ('reuse').
CREATE TABLE renewal_credentials (
  credential_hash bytea PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  workstation_id text NOT NULL REFERENCES workstations (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_why text CHECK (revoked_why IN ('rotated', 'login', 'logout', 'reuse')),
  -- For a rotated one: its successor, and the client's retry key, so the client's own retry of a renewal whose
  -- answer was lost on the way is told apart from a copy.
  replaced_by bytea,
  retry_key text
);
CREATE INDEX renewal_credentials_live ON renewal_credentials (workstation_id) WHERE revoked_at IS NULL;
CREATE INDEX renewal_credentials_expiry ON renewal_credentials (expires_at);
