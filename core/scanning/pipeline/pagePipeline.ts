// On glibc, libvips must be loaded by the main thread before any worker loads it, or a worker's exit unloads it under the others.
import 'sharp';
import { availableParallelism } from 'node:os';
import { siblingModule } from '../../config/siblingModule.js';
import { CourtError } from '../../contract/index.js';
import type { Encoded, Prepared } from './protocol.js';
import { middleBand } from './orientationBand.js';
import { checkRawPage, type RawPage } from './rawPage.js';
import {
  defaultPipelineSettings,
  scanPageOptions,
  type OrientationDetector,
  type OrientationGuess,
  type PageOptions,
  type PipelineSettings,
  type ProcessedPage,
  type QuarterTurn,
} from './types.js';
import { WorkerPool } from './workerPool.js';

export interface PagePipelineOptions {
  /** null skips orientation (no tesseract, or pages known to be upright). */
  detector: OrientationDetector | null;
  settings?: Partial<PipelineSettings>;
  /** Worker threads; default one per core, at most four. */
  workers?: number;
}

const asBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.length);

/**
 * Raw page in, archival master out: deskew, crop, blank check and orientation, then a G4 TIFF
 * or JPEG master and a thumbnail. Pixel work runs on worker threads and orientation in a
 * tesseract child process, so the caller's event loop only routes messages.
 */
export class PagePipeline {
  readonly settings: PipelineSettings;
  private readonly pool: WorkerPool;
  private readonly detector: OrientationDetector | null;

  constructor(opts: PagePipelineOptions) {
    this.settings = { ...defaultPipelineSettings, ...opts.settings };
    this.detector = opts.detector;
    const size = opts.workers ?? Math.min(4, availableParallelism());
    this.pool = new WorkerPool(siblingModule('pageWorker', import.meta.url), Math.max(1, size));
  }

  /** How many pages can usefully be in flight at once. */
  get concurrency(): number {
    return this.pool.size;
  }

  async process(page: RawPage, options: Partial<PageOptions> = {}): Promise<ProcessedPage> {
    checkRawPage(page);
    const opts = { ...scanPageOptions, ...options };
    const dpi = Math.round(page.resolution);
    const data = new Uint8Array(page.data); // our own copy, so it can move to the worker without detaching the caller's buffer
    const geometry = { width: page.width, height: page.height, depth: page.depth, channels: page.channels, bytesPerLine: page.bytesPerLine };
    try {
      const prepared = (await this.pool.run({ kind: 'prepare', geometry, data, dpi, options: opts, settings: this.settings }, [data.buffer])) as Prepared;
      const warnings: ProcessedPage['warnings'] = [];
      let rotate: QuarterTurn = 0;
      if (prepared.osd && opts.orientation && this.detector) {
        try {
          const sure = (g: OrientationGuess | null) => (g && g.confidence >= this.settings.minOrientationConfidence ? g : null);
          const band = middleBand(prepared.osd);
          const guess = (band && sure(await this.detector.detect(band))) ?? sure(await this.detector.detect(prepared.osd));
          if (guess) rotate = guess.rotate;
        } catch (e) {
          warnings.push({ code: 'ORIENTATION_UNAVAILABLE', message: e instanceof Error ? e.message : String(e) });
        }
      }
      const job = { kind: 'encode' as const, page: { ...prepared, osd: null }, rotate, dpi, settings: this.settings };
      const encoded = (await this.pool.run(job, [prepared.pixels.buffer as ArrayBuffer])) as Encoded;
      return {
        master: asBuffer(encoded.master),
        mediaType: encoded.mediaType,
        width: encoded.width,
        height: encoded.height,
        dpi: dpi > 0 ? dpi : null,
        skewDegrees: prepared.skewDegrees,
        rotated: rotate,
        blank: prepared.blank,
        inkRatio: prepared.inkRatio,
        thumbnail: asBuffer(encoded.thumbnail),
        thumbnailMediaType: 'image/jpeg',
        warnings,
      };
    } catch (e) {
      if (e instanceof CourtError) throw e;
      throw new CourtError('PAGE_PROCESSING_FAILED', {
        message: `第 ${page.index + 1} 页处理失败：${e instanceof Error ? e.message : String(e)}`,
        messageEn: `Page ${page.index + 1} could not be processed`,
        details: { index: page.index },
      });
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
