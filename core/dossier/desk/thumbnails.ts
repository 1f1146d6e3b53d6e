import sharp from 'sharp';
import type { PageThumbnail } from '../../contract/index.js';
import { thumbnailUrl } from '../../scanning/scanPages.js';
import type { BlobStore } from '../../store/blobStore.js';
import type { Db } from '../../store/database.js';

const WIDTH = 120;
const QUALITY = 70;
/** About 1.3 KB each as data: URLs, so the cache stays near 3 MB. */
const CACHE_ENTRIES = 2000;

interface PageRow {
  id: number;
  sha256: string;
  thumb_sha256: string | null;
}

/**
 * Small page images for the 卷宗 page. Scanned pages carry the thumbnail capture stored; pages
 * that came without one (imports of older stores, fixtures) are scaled from their master by
 * libvips off the event loop, about 7 ms a page, and remembered by content hash.
 */
export class PageThumbnails {
  private readonly cache = new Map<string, string>();

  constructor(private readonly deps: { db: Db; blobs: BlobStore }) {}

  async forPages(pageIds: readonly number[]): Promise<PageThumbnail[]> {
    if (pageIds.length === 0) return [];
    const rows = this.deps.db
      .prepare(`SELECT id, sha256, thumb_sha256 FROM pages WHERE id IN (${pageIds.map(() => '?').join(',')})`)
      .all(...pageIds) as PageRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return Promise.all(
      pageIds.map(async (pageId) => {
        const row = byId.get(pageId);
        return { pageId, thumbnail: row ? await this.thumbnail(row) : null };
      }),
    );
  }

  private async thumbnail(row: PageRow): Promise<string | null> {
    const stored = thumbnailUrl(this.deps.blobs, row.thumb_sha256);
    if (stored) return stored;
    const cached = this.cache.get(row.sha256);
    if (cached !== undefined) {
      // Refreshed as most recently used.
      this.cache.delete(row.sha256);
      this.cache.set(row.sha256, cached);
      return cached;
    }
    const made = await this.scaled(row.sha256);
    if (made === null) return null;
    this.cache.set(row.sha256, made);
    if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    return made;
  }

  private async scaled(sha256: string): Promise<string | null> {
    if (!this.deps.blobs.has(sha256)) return null;
    try {
      const jpeg = await sharp(this.deps.blobs.read(sha256)).resize({ width: WIDTH }).jpeg({ quality: QUALITY }).toBuffer();
      return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
    } catch {
      // A damaged master shows as a placeholder here; 校验 names it.
      return null;
    }
  }
}
