export default `
-- Who is draining the sync outbox of this store right now: the workstation UI's background sync or a
-- \`courtdesk sync\` process. One row at most; a holder that died (same host, pid gone) or stopped
-- renewing (expires_at, unix ms, passed) is taken over.
CREATE TABLE sync_lease (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  holder TEXT NOT NULL,
  label TEXT NOT NULL,
  pid INTEGER NOT NULL,
  host TEXT NOT NULL,
  acquired_at TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
`;
