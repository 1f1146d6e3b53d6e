import { createHash } from 'node:crypto';
import { CourtError } from '../contract/index.js';
import { appendAudit } from '../store/audit.js';
import type { BlobStore } from '../store/blobStore.js';
import type { Db } from '../store/database.js';
import { writeFileDurably } from '../store/durableFile.js';
import { buildManifest } from '../ledger/exportManifest.js';
import { enqueueDossierVersion } from '../sync/dossierVersion.js';
import type { Manifest } from '../ledger/manifest.js';
import { frameOf, type Frame } from './integrity/frames.js';
import { INTEGRITY_ATTACHMENT, type IntegrityAttachment } from './integrity/integrityAttachment.js';
import type { WorkstationLedger } from './integrity/workstationLedger.js';
import { loadDossier, type DossierModel } from './model.js';
import { frontPageCount, renderDossierPdf } from './pdf/renderDossier.js';
import { commonName, openP12 } from './seal/p12.js';
import { coverSealWidgetRect } from './seal/placement.js';
import { signPdf } from './seal/signPdf.js';

export interface ExportResult {
  case: string;
  file: string;
  sha256: string;
  pages: number;
  documents: number;
  bytes: number;
  signed: boolean;
}

/** Logs the export in the ledger: the manifest binds every page's hash, label and document to a signed checkpoint. */
function manifestFor(db: Db, ledger: WorkstationLedger, model: DossierModel): Promise<Manifest> {
  const body = model.documents.flatMap((d) => d.pages.map((p) => ({ document: d.title, sha256: p.sha256 })));
  return buildManifest(db, ledger.signer, {
    origin: ledger.origin,
    caseNumber: model.case.number,
    pages: body.map((p, i) => ({ ...p, pageLabel: String(i + 1) })),
  });
}


/** Writes the case's e-dossier PDF to `out` (atomically) and records the export in the audit log. */
export async function exportDossier(
  deps: { db: Db; blobs: BlobStore; ledger: WorkstationLedger },
  input: {
    caseNumber: string;
    out: string;
    actor: string;
    seal?: { p12: Buffer; passphrase: string };
    onPage?: (done: number, total: number) => void;
  },
): Promise<ExportResult> {
  const model = loadDossier(deps.db, input.caseNumber);
  const pages = model.documents.reduce((n, d) => n + d.pages.length, 0);
  if (pages === 0) throw new CourtError('DOSSIER_EMPTY', { details: { case: model.case.number } });
  const readMaster = (sha256: string) => {
    if (!deps.blobs.has(sha256)) throw new CourtError('DOSSIER_PAGE_MISSING', { details: { sha256 } });
    return deps.blobs.read(sha256);
  };
  // Opened before rendering so that a wrong passphrase fails fast, not after hundreds of pages.
  const sealSigner = input.seal ? commonName(openP12(input.seal.p12, input.seal.passphrase).cert) : undefined;
  // Logged only once every page is drawn: a cancelled or failed export leaves no ledger entry.
  const logged: { manifest?: Manifest } = {};
  // Frames are taken from the masters as the renderer reads them, so each file is read once.
  const frames = new Map<string, Frame>();
  const readAndFrame = (sha256: string) => {
    const master = readMaster(sha256);
    frames.set(sha256, frameOf(master));
    return master;
  };
  const attachments = async () => {
    const manifest = (logged.manifest = await manifestFor(deps.db, deps.ledger, model));
    const integrity: IntegrityAttachment = {
      format: 'courtdesk-dossier-integrity',
      version: 1,
      frontPages: frontPageCount(model),
      manifest,
      frames: manifest.pages.map((p) => frames.get(p.sha256) ?? null),
    };
    return [
      {
        name: INTEGRITY_ATTACHMENT,
        bytes: Buffer.from(JSON.stringify(integrity)),
        mediaType: 'application/json',
        description: '电子卷宗完整性清单：页面哈希、签名检查点与包含证明',
      },
    ];
  };
  const rendered = await renderDossierPdf(model, { now: new Date(), readMaster: readAndFrame, attachments, sealSigner, onPage: input.onPage });
  const checkpoint = logged.manifest?.checkpoint;
  if (!checkpoint) throw new CourtError('INTERNAL', { details: { why: 'the renderer did not ask for the integrity attachment' } });
  const bytes = input.seal
    ? await signPdf(rendered, { ...input.seal, reason: `${model.case.number} 电子卷宗`, location: model.case.courtCode, widgetRect: coverSealWidgetRect })
    : rendered;
  writeFileDurably(input.out, bytes);
  const result: ExportResult = {
    case: model.case.number,
    file: input.out,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    pages,
    documents: model.documents.length,
    bytes: bytes.length,
    signed: Boolean(input.seal),
  };
  // The exported bytes are kept in the store too, so sync can upload this version later, offline or not.
  deps.blobs.put(bytes);
  deps.db.transaction(() => {
    appendAudit(deps.db, { actor: input.actor, action: 'dossier.export', subject: `case:${result.case}`, after: result });
    enqueueDossierVersion(deps.db, {
      dossierId: `case-${model.case.id}`,
      caseNumber: result.case,
      sha256: result.sha256,
      byteLength: bytes.length,
      pageCount: pages,
      checkpoint,
    });
  }).immediate();
  return result;
}
