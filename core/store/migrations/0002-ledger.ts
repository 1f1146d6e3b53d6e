const now = "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))";

const appendOnly = (table: string) => `
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN
  SELECT RAISE(ABORT, '${table} is append-only');
END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN
  SELECT RAISE(ABORT, '${table} is append-only');
END;`;

// The tamper-evident ledger: an RFC 6962 Merkle log. Triggers refuse edits and gaps so a
// bug cannot rewrite history; someone with the file can still drop them, which is what
// signed checkpoints (and anchoring them off the workstation) are for.
export default `
CREATE TABLE ledger_leaves (
  idx INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  leaf_input BLOB NOT NULL,
  leaf_hash BLOB NOT NULL CHECK (length(leaf_hash) = 32),
  appended_at TEXT NOT NULL DEFAULT ${now}
) STRICT;
CREATE INDEX ledger_leaves_subject ON ledger_leaves(kind, subject);
CREATE TRIGGER ledger_leaves_dense BEFORE INSERT ON ledger_leaves
  WHEN new.idx IS NOT (SELECT coalesce(max(idx) + 1, 0) FROM ledger_leaves) BEGIN
  SELECT RAISE(ABORT, 'ledger_leaves must be appended at the next index');
END;
${appendOnly('ledger_leaves')}

-- Hashes of complete perfect subtrees above the leaves (level >= 1), written as each one
-- completes, so tree heads and proofs need O(log n) lookups instead of rehashing the log.
CREATE TABLE ledger_nodes (
  level INTEGER NOT NULL CHECK (level >= 1),
  idx INTEGER NOT NULL CHECK (idx >= 0),
  hash BLOB NOT NULL CHECK (length(hash) = 32),
  PRIMARY KEY (level, idx)
) STRICT, WITHOUT ROWID;
${appendOnly('ledger_nodes')}

CREATE TABLE ledger_checkpoints (
  id INTEGER PRIMARY KEY,
  origin TEXT NOT NULL,
  tree_size INTEGER NOT NULL CHECK (tree_size >= 0),
  root_hash BLOB NOT NULL CHECK (length(root_hash) = 32),
  key_name TEXT NOT NULL,
  key_hash INTEGER NOT NULL,
  note TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT ${now}
) STRICT;
CREATE INDEX ledger_checkpoints_size ON ledger_checkpoints(tree_size);
${appendOnly('ledger_checkpoints')}

CREATE TABLE ledger_anchor_receipts (
  id INTEGER PRIMARY KEY,
  checkpoint_id INTEGER NOT NULL REFERENCES ledger_checkpoints(id),
  anchor TEXT NOT NULL,
  receipt_json TEXT NOT NULL,
  anchored_at TEXT NOT NULL DEFAULT ${now}
) STRICT;
CREATE INDEX ledger_anchor_receipts_checkpoint ON ledger_anchor_receipts(checkpoint_id);
${appendOnly('ledger_anchor_receipts')}
`;
