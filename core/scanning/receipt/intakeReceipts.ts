import { getCase } from '../../cases/caseRepository.js';
import { CourtError, type ReceiptTicket } from '../../contract/index.js';
import type { DownloadTickets } from '../../jobs/downloadTickets.js';
import { appendAudit } from '../../store/audit.js';
import type { BlobStore } from '../../store/blobStore.js';
import type { Db } from '../../store/database.js';
import { receiptContent } from './receiptContent.js';
import { beijingTime, renderReceiptPdf } from './receiptPdf.js';

export interface IssuedReceipt {
  number: string;
  issuedAt: string;
  pages: number;
  sha256: string;
  pdf: Buffer;
  /** True when nothing changed since the last receipt of the case, which is given again. */
  again: boolean;
}

interface ReceiptRow {
  number: string;
  issued_at: string;
  pages: number;
  content_json: string;
  sha256: string;
}

/** 回执编号: SJ, the Beijing date, and the store's receipt sequence, e.g. SJ20240506-000012. */
const receiptNumber = (id: number, at: Date) => `SJ${beijingTime(at).slice(0, 10).replaceAll('-', '')}-${String(id).padStart(6, '0')}`;

function displayName(db: Db, username: string): string {
  return db.prepare<[string], string>('SELECT display_name FROM users WHERE username = ?').pluck().get(username) ?? username;
}

/**
 * Issues the 收件回执 for a case: numbered, recorded with what it listed, its PDF kept in the blob
 * store and audited. When the case received nothing since its last receipt, that receipt is given
 * again (a second click prints the same paper, not a second number).
 */
export async function issueReceipt(deps: { db: Db; blobs: BlobStore }, caseNumber: string, actor: string, now = new Date()): Promise<IssuedReceipt> {
  const { db, blobs } = deps;
  const c = getCase(db, caseNumber);
  const content = receiptContent(db, c.number);
  if (content.pages === 0) throw new CourtError('RECEIPT_EMPTY', { details: { case: c.number } });
  const contentJson = JSON.stringify(content);
  const last = db
    .prepare('SELECT number, issued_at, pages, content_json, sha256 FROM intake_receipts WHERE case_id = ? ORDER BY id DESC LIMIT 1')
    .get(c.id) as ReceiptRow | undefined;
  if (last && last.content_json === contentJson && blobs.has(last.sha256)) {
    return { number: last.number, issuedAt: last.issued_at, pages: last.pages, sha256: last.sha256, pdf: blobs.read(last.sha256), again: true };
  }
  const issuedBy = displayName(db, actor);
  // The number comes from the row id; another process may take that id while the PDF is drawn, then the next one is tried.
  for (let attempt = 0; ; attempt++) {
    const id = (db.prepare<[], number>('SELECT coalesce(max(id), 0) + 1 FROM intake_receipts').pluck().get() ?? 1) + attempt;
    const number = receiptNumber(id, now);
    const pdf = await renderReceiptPdf(content, { number, issuedAt: now, issuedBy });
    const sha256 = blobs.put(pdf);
    const issuedAt = now.toISOString();
    try {
      db.transaction(() => {
        db.prepare('INSERT INTO intake_receipts (id, case_id, number, pages, content_json, sha256, issued_by, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
          id,
          c.id,
          number,
          content.pages,
          contentJson,
          sha256,
          actor,
          issuedAt,
        );
        appendAudit(db, { actor, action: 'receipt.issue', subject: `case:${c.number}`, after: { number, pages: content.pages, batches: content.batches.length, sha256 } });
      }).immediate();
      return { number, issuedAt, pages: content.pages, sha256, pdf, again: false };
    } catch (e) {
      if (attempt < 3 && (e as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) continue;
      throw e;
    }
  }
}

/** The 打印收件回执 button: issues (or gives again) the receipt and a single-use download for it. */
export class IntakeReceipts {
  constructor(private readonly deps: { db: Db; blobs: BlobStore; downloads: DownloadTickets }) {}

  async issue(caseNumber: string, actor: string): Promise<ReceiptTicket> {
    const receipt = await issueReceipt(this.deps, caseNumber, actor);
    const fileName = `收件回执-${getCase(this.deps.db, caseNumber).number}-${receipt.number}.pdf`;
    const ticket = this.deps.downloads.issue(this.deps.blobs.pathOf(receipt.sha256), fileName);
    return { downloadId: ticket.id, fileName, expiresAt: ticket.expiresAt.toISOString(), number: receipt.number, pages: receipt.pages, issuedAt: receipt.issuedAt };
  }
}
