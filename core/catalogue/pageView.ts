import sharp from 'sharp';
import { CourtError, type CataloguePageView } from '../contract/index.js';
import type { BlobStore } from '../store/blobStore.js';
import type { Db } from '../store/database.js';
import { ocrState } from './pageStates.js';

/** Wide enough to read a 小四 line of an A4 page on a 1080p screen; about 150 KB as JPEG. */
const WIDTH = 1000;
const QUALITY = 75;
/** The pages around the one on screen; a verifier moves back and forth over a few documents. */
const CACHE_ENTRIES = 40;

interface Row {
  sha256: string;
  text: string | null;
  job: CataloguePageView['ocr'] | null;
}

/**
 * A page as the verification desk shows it: its image scaled from the master by libvips off the
 * event loop (a TIFF G4 or 300 dpi master is too big to send as is) beside its OCR text.
 */
export class PageViews {
  private readonly images = new Map<string, string>();

  constructor(private readonly deps: { db: Db; blobs: BlobStore }) {}

  async view(pageId: number): Promise<CataloguePageView> {
    const row = this.deps.db
      .prepare(
        `SELECT p.sha256, t.text, j.status AS job FROM pages p
           LEFT JOIN page_text t ON t.page_id = p.id LEFT JOIN ocr_jobs j ON j.page_id = p.id
          WHERE p.id = ?`,
      )
      .get(pageId) as Row | undefined;
    if (!row) throw new CourtError('PAGE_NOT_FOUND', { details: { pageId } });
    return { pageId, image: await this.image(row.sha256), text: row.text ?? '', ocr: ocrState(row.job, row.text !== null) };
  }

  private async image(sha256: string): Promise<string | null> {
    const hit = this.images.get(sha256);
    if (hit !== undefined) {
      // Refreshed as most recently used.
      this.images.delete(sha256);
      this.images.set(sha256, hit);
      return hit;
    }
    const made = await this.scaled(sha256);
    if (made === null) return null;
    this.images.set(sha256, made);
    if (this.images.size > CACHE_ENTRIES) this.images.delete(this.images.keys().next().value!);
    return made;
  }

  private async scaled(sha256: string): Promise<string | null> {
    if (!this.deps.blobs.has(sha256)) return null;
    try {
      const jpeg = await sharp(this.deps.blobs.read(sha256)).resize({ width: WIDTH, withoutEnlargement: true }).jpeg({ quality: QUALITY }).toBuffer();
      return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
    } catch {
      // A damaged master shows as a placeholder; 校验 on the 卷宗 page names it.
      return null;
    }
  }
}
