import sharp from 'sharp';
import { getCase } from '../../cases/caseRepository.js';
import { loadStandards } from '../../catalogue/standards.js';
import { CourtError, type ErrorData } from '../../contract/index.js';
import { appendAudit } from '../../store/audit.js';
import type { BlobStore } from '../../store/blobStore.js';
import type { Db } from '../../store/database.js';
import { finishBatch, getBatch, startBatch, type BatchStatus } from '../batches/batchRepository.js';
import type { CapturedPage } from '../batches/pageRows.js';
import { unpackRaw } from '../pipeline/pixels.js';
import type { RawPage } from '../pipeline/rawPage.js';
import { detectSeparator } from './detect.js';
import type { SeparatorPayload } from './payload.js';

/** A scanned cover or separator sheet: it steers the pages behind it and is kept only as evidence. */
export interface SeparatorSheet {
  kind: 'separator';
  payload: SeparatorPayload;
  /** The sheet as scanned, lossless, for the audit trail. */
  png: Buffer;
  /** Its place in the feed (RawPage.index). */
  feedIndex: number;
}

/** The sheet on this page, or null for a page of the dossier. */
export async function readSheet(page: RawPage): Promise<SeparatorSheet | null> {
  const payload = await detectSeparator(page);
  if (!payload) return null;
  const px = unpackRaw(page, page.data);
  const png = await sharp(px.data, { raw: { width: px.width, height: px.height, channels: px.channels } }).png({ compressionLevel: 6 }).toBuffer();
  return { kind: 'separator', payload, png, feedIndex: page.index };
}

export interface Target {
  batchId: number;
  caseId: number;
  caseNumber: string;
}

/** Pages a batch stored in a case other than its own, after that case's cover sheet. */
export interface RoutedPages {
  caseNumber: string;
  batchId: number;
  pages: CapturedPage[];
}

/** The standard's category id for what the operator printed (id, name or alias); null when the standard has no such category. */
function categoryId(typeCode: string, printed: string): string | null {
  const found = loadStandards()
    .forCaseType(typeCode)
    .categories.find((c) => c.id === printed || c.name === printed || c.aliases.includes(printed));
  return found?.id ?? null;
}

/**
 * Where a batch's pages go as its sheets go by. Until the first cover sheet, pages go to the
 * batch's own case; after a cover sheet for another case, to a batch opened for that case. A
 * separator sheet starts a document: a `documents` row with the sheet's category that the pages
 * behind it are linked to (pages.document_id), the boundary the catalogue starts from.
 */
export class SheetRouter {
  private current: Target & { documentId: number | null };
  private readonly others = new Map<number, RoutedPages>();

  constructor(
    private readonly db: Db,
    private readonly blobs: BlobStore,
    private readonly home: Target,
    private readonly actor: string,
  ) {
    this.current = { ...home, documentId: null };
  }

  get target(): Target {
    return this.current;
  }

  /** Stores the sheet's image, switches case and document as it says, and audits it as page.separator. */
  accept(sheet: SeparatorSheet): void {
    const { db } = this;
    let found;
    try {
      found = getCase(db, sheet.payload.caseNumber);
    } catch (e) {
      if (e instanceof CourtError && e.code === 'CASE_NOT_FOUND') {
        throw new CourtError('SEPARATOR_CASE_UNKNOWN', {
          message: `第 ${sheet.feedIndex + 1} 张是案件 ${sheet.payload.caseNumber} 的${sheet.payload.kind === 'case' ? '封面页' : '分隔页'}，但本工作站没有该案件`,
          details: { caseNumber: sheet.payload.caseNumber, feedIndex: sheet.feedIndex },
        });
      }
      throw e;
    }
    const sha256 = this.blobs.put(sheet.png);
    db.transaction(() => {
      if (found.id !== this.current.caseId || sheet.payload.kind === 'case') this.current = { ...this.batchFor(found.id, found.number), documentId: null };
      let documentId: number | null = null;
      if (sheet.payload.kind === 'doc') {
        const category = categoryId(found.typeCode, sheet.payload.category);
        documentId = Number(
          db
            .prepare('INSERT INTO documents (case_id, position, category, title) VALUES (?, (SELECT COALESCE(MAX(position), 0) + 1 FROM documents WHERE case_id = ?), ?, ?)')
            .run(found.id, found.id, category, sheet.payload.category).lastInsertRowid,
        );
        this.current.documentId = documentId;
      }
      appendAudit(db, {
        actor: this.actor,
        action: 'page.separator',
        subject: `case:${found.number}`,
        after: { payload: sheet.payload, sha256, batchId: this.current.batchId, feedIndex: sheet.feedIndex, documentId },
      });
    })();
  }

  /** Links a page just stored to the current document; call inside the transaction that stores it. */
  place(page: CapturedPage): void {
    if (this.current.documentId !== null) this.db.prepare('UPDATE pages SET document_id = ? WHERE id = ?').run(this.current.documentId, page.pageId);
  }

  /** True when the page belongs to the batch's own case; otherwise it is kept for routed(). */
  keep(page: CapturedPage): boolean {
    if (this.current.caseId === this.home.caseId) return true;
    this.others.get(this.current.caseId)!.pages.push(page);
    return false;
  }

  private batchFor(caseId: number, caseNumber: string): Target {
    if (caseId === this.home.caseId) return this.home;
    const open = this.others.get(caseId);
    if (open) return { batchId: open.batchId, caseId, caseNumber };
    const home = getBatch(this.db, this.home.batchId);
    const batchId = startBatch(this.db, { caseId, caseNumber, kind: 'scan', device: home.device, settings: home.settings, actor: this.actor });
    this.others.set(caseId, { caseNumber, batchId, pages: [] });
    return { batchId, caseId, caseNumber };
  }

  /** Ends the batches opened for other cases as the batch itself ended. */
  finish(status: Exclude<BatchStatus, 'running'>, error?: ErrorData): RoutedPages[] {
    for (const r of this.others.values()) finishBatch(this.db, r.batchId, status, this.actor, error);
    return [...this.others.values()];
  }
}
