import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { signCheckpoint } from '../../../core/ledger/checkpoint.js';
import { generateSignerKey, parseSignerKey } from '../../../core/ledger/keys/noteKeys.js';
import { MemoryTree } from '../../../core/ledger/merkle/index.js';
import { BlobStore } from '../../../core/store/blobStore.js';
import { openDatabase, type Db } from '../../../core/store/database.js';
import { enqueueDossierVersion, type DossierVersion } from '../../../core/sync/dossierVersion.js';
import { login } from '../../../core/sync/session.js';
import { SyncClient, type SyncClientOptions } from '../../../core/sync/syncClient.js';
import { workstationId } from '../../../core/sync/syncState.js';

/** A workstation's ledger stand-in: a real Merkle tree and real signed checkpoints, one leaf per export. */
export class LedgerFixture {
  readonly tree = new MemoryTree();
  readonly origin: string;
  private readonly signer;
  readonly verifierKey: string;

  constructor(origin = `court.example/${randomBytes(4).toString('hex')}`) {
    this.origin = origin;
    const key = generateSignerKey(origin);
    this.signer = parseSignerKey(key.signerKey);
    this.verifierKey = key.verifierKey;
  }

  async checkpointFor(leaf: Uint8Array): Promise<string> {
    this.tree.appendData(leaf);
    return this.checkpointAt(this.tree.size);
  }

  checkpointAt(size: number, rootHash = this.tree.root(size)): Promise<string> {
    return signCheckpoint({ origin: this.origin, size, rootHash, extensions: [] }, this.signer);
  }
}

export interface Workstation {
  dir: string;
  db: Db;
  blobs: BlobStore;
  id: string;
  ledger: LedgerFixture;
  client(opts?: Partial<SyncClientOptions>): SyncClient;
  /** Stores `bytes` as an exported dossier and queues it for sync. */
  export(opts: { dossierId: string; caseNumber: string; bytes: Uint8Array; pageCount: number }): Promise<DossierVersion>;
  close(): void;
}

export function openWorkstation(dir: string): Workstation {
  const db = openDatabase(join(dir, 'courtdesk.sqlite'));
  const blobs = new BlobStore(join(dir, 'pages'));
  const ledger = new LedgerFixture();
  return {
    dir,
    db,
    blobs,
    id: workstationId(db),
    ledger,
    client: (opts = {}) => new SyncClient({ db, resolveSource: (v) => blobs.pathOf(v.sha256), backoff: { baseMs: 100, capMs: 2000, attempts: 12 }, ...opts }),
    async export({ dossierId, caseNumber, bytes, pageCount }) {
      const sha256 = blobs.put(bytes);
      const version: DossierVersion = { dossierId, caseNumber, sha256, byteLength: bytes.length, pageCount, checkpoint: await ledger.checkpointFor(Buffer.from(sha256, 'hex')) };
      db.transaction(() => enqueueDossierVersion(db, version))();
      return version;
    },
    close: () => db.close(),
  };
}

/** Opens a workstation store in `dir` and signs it in (no offline verifier unless asked: it costs a server-side scrypt). */
export async function signedInWorkstation(dir: string, server: string, username: string, password: string, offline = false): Promise<Workstation> {
  const ws = openWorkstation(dir);
  await login(ws.db, { url: server, username, password, offline, ledgerKey: ws.ledger.verifierKey });
  return ws;
}

export const randomDossier = (size: number) => randomBytes(size);
