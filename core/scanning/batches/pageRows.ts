import { pageLeaf } from '../../ledger/leaf.js';
import { appendEntry, findLeaves } from '../../ledger/log.js';
import { appendAudit } from '../../store/audit.js';
import type { BlobStore } from '../../store/blobStore.js';
import type { Db } from '../../store/database.js';
import { makeRoom } from '../edits/pagePositions.js';
import type { ProcessedPage } from '../pipeline/types.js';

/** A page as stored: what progress reports and results carry. */
export interface CapturedPage {
  pageId: number;
  /** 1-based page number within the case. */
  position: number;
  batchId: number;
  batchSeq: number;
  sha256: string;
  thumbSha256: string;
  mediaType: string;
  width: number;
  height: number;
  dpi: number | null;
  blank: boolean;
  skew: number;
  rotated: number;
}

/** What a page row records; the pixels themselves are already in the blob store. */
export type PageFacts = Pick<ProcessedPage, 'mediaType' | 'width' | 'height' | 'dpi' | 'skewDegrees' | 'rotated' | 'blank'>;

/** Lets the page's pixel buffers go once they are stored. */
export const factsOf = (p: ProcessedPage): PageFacts => ({
  mediaType: p.mediaType,
  width: p.width,
  height: p.height,
  dpi: p.dpi,
  skewDegrees: p.skewDegrees,
  rotated: p.rotated,
  blank: p.blank,
});

export interface StoredBlobs {
  sha256: string;
  thumbSha256: string;
}

/** Writes master and thumbnail durably (fsync, atomic rename) before any row can point at them. */
export function storeBlobs(blobs: BlobStore, page: ProcessedPage): StoredBlobs {
  return { sha256: blobs.put(page.master), thumbSha256: blobs.put(page.thumbnail) };
}

/**
 * Adds one page at the end of the case, or at number `at` (pages from there on move up one), and
 * audits it. Call inside the transaction that commits the page, after its blobs are stored.
 */
export function insertPage(
  db: Db,
  p: { caseId: number; caseNumber: string; batchId: number; source: 'scan' | 'import'; page: PageFacts; blobs: StoredBlobs; actor: string; at?: number },
): CapturedPage {
  if (p.at !== undefined) makeRoom(db, p.caseId, p.at);
  const row = db
    .prepare(
      `INSERT INTO pages (case_id, position, sha256, media_type, width, height, dpi, source, blank, skew, batch_id, batch_seq, thumb_sha256, rotated)
       VALUES (@caseId, COALESCE(@at, (SELECT COALESCE(MAX(position), 0) + 1 FROM pages WHERE case_id = @caseId)), @sha256, @mediaType, @width, @height, @dpi,
               @source, @blank, @skew, @batchId, (SELECT COALESCE(MAX(batch_seq), 0) + 1 FROM pages WHERE batch_id = @batchId), @thumbSha256, @rotated)
       RETURNING id, position, batch_seq`,
    )
    .get({
      caseId: p.caseId,
      at: p.at ?? null,
      sha256: p.blobs.sha256,
      mediaType: p.page.mediaType,
      width: p.page.width,
      height: p.page.height,
      dpi: p.page.dpi,
      source: p.source,
      blank: p.page.blank ? 1 : 0,
      skew: p.page.skewDegrees,
      batchId: p.batchId,
      thumbSha256: p.blobs.thumbSha256,
      rotated: p.page.rotated,
    }) as { id: number; position: number; batch_seq: number };
  const captured: CapturedPage = {
    pageId: row.id,
    position: row.position,
    batchId: p.batchId,
    batchSeq: row.batch_seq,
    sha256: p.blobs.sha256,
    thumbSha256: p.blobs.thumbSha256,
    mediaType: p.page.mediaType,
    width: p.page.width,
    height: p.page.height,
    dpi: p.page.dpi,
    blank: p.page.blank,
    skew: p.page.skewDegrees,
    rotated: p.page.rotated,
  };
  appendAudit(db, { actor: p.actor, action: `page.${p.source}`, subject: `case:${p.caseNumber}`, after: captured });
  // The page master enters the tamper-evident log in the same transaction that makes it visible.
  if (findLeaves(db, 'page', captured.sha256).length === 0) appendEntry(db, pageLeaf(captured.sha256));
  return captured;
}
