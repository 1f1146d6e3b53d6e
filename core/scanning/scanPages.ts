import type { ScanPage } from '../contract/index.js';
import type { BlobStore } from '../store/blobStore.js';
import type { Db } from '../store/database.js';
import type { CapturedPage } from './batches/pageRows.js';

interface PageRow {
  id: number;
  position: number;
  batch_id: number | null;
  batch_seq: number | null;
  width: number | null;
  height: number | null;
  dpi: number | null;
  blank: number;
  skew: number | null;
  rotated: number;
  thumb_sha256: string | null;
}

function imageType(bytes: Buffer): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (bytes.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))) return 'image/png';
  return null;
}

/** The stored thumbnail as a data: URL; null if it is missing or not an image we may put in an <img>. */
export function thumbnailUrl(blobs: BlobStore, sha256: string | null): string | null {
  if (!sha256 || !blobs.has(sha256)) return null;
  const bytes = blobs.read(sha256);
  const type = imageType(bytes);
  return type ? `data:${type};base64,${bytes.toString('base64')}` : null;
}

export function capturedPageSummary(blobs: BlobStore, p: CapturedPage): ScanPage {
  return {
    pageId: p.pageId,
    position: p.position,
    batchId: p.batchId,
    batchSeq: p.batchSeq,
    width: p.width,
    height: p.height,
    dpi: p.dpi,
    blank: p.blank,
    skew: p.skew,
    rotated: p.rotated,
    thumbnail: thumbnailUrl(blobs, p.thumbSha256),
  };
}

const toScanPage = (blobs: BlobStore, r: PageRow): ScanPage => ({
  pageId: r.id,
  position: r.position,
  batchId: r.batch_id,
  batchSeq: r.batch_seq,
  width: r.width,
  height: r.height,
  dpi: r.dpi,
  blank: r.blank === 1,
  skew: r.skew,
  rotated: r.rotated,
  thumbnail: thumbnailUrl(blobs, r.thumb_sha256),
});

const COLUMNS = 'id, position, batch_id, batch_seq, width, height, dpi, blank, skew, rotated, thumb_sha256';

/** Every page of the case in page order, each with its thumbnail. */
export function casePages(db: Db, blobs: BlobStore, caseId: number): ScanPage[] {
  const rows = db.prepare(`SELECT ${COLUMNS} FROM pages WHERE case_id = ? ORDER BY position`).all(caseId) as PageRow[];
  return rows.map((r) => toScanPage(blobs, r));
}

/** One page as the 扫描 page shows it. */
export function scanPage(db: Db, blobs: BlobStore, pageId: number): ScanPage {
  return toScanPage(blobs, db.prepare(`SELECT ${COLUMNS} FROM pages WHERE id = ?`).get(pageId) as PageRow);
}
