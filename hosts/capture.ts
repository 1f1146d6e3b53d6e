import type { CourtCore } from '../core/app/courtCore.js';
import { CaptureService } from '../core/scanning/batches/captureService.js';
import { ImportService } from '../core/scanning/import/importService.js';
import { PopplerRasterizer } from '../core/scanning/import/popplerRasterizer.js';
import { PagePipeline } from '../core/scanning/pipeline/pagePipeline.js';
import { createIsolatedScanner, type IsolatedScanner, type IsolatedScannerOptions } from '../native/scanning/isolatedScanner.js';
import { TesseractOrientationDetector } from '../native/tesseract/osd.js';

export interface CaptureServices {
  imports: ImportService;
  captures: CaptureService;
  scanner: IsolatedScanner;
  close(): Promise<void>;
}

/**
 * Composition of capture for a Node host: the page pipeline with Tesseract's orientation
 * detection, the SANE driver in its own process, import through poppler.
 */
export function createCaptureServices(core: CourtCore, scannerOptions?: IsolatedScannerOptions): CaptureServices {
  const pipeline = new PagePipeline({ detector: new TesseractOrientationDetector() });
  const scanner = createIsolatedScanner(scannerOptions);
  const deps = { db: core.db, blobs: core.blobs, pipeline, events: core.events };
  return {
    imports: new ImportService({ ...deps, pdf: new PopplerRasterizer() }),
    captures: new CaptureService(deps),
    scanner,
    close: async () => {
      await scanner.close();
      await pipeline.close();
    },
  };
}
