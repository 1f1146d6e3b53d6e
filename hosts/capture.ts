import { ImportService } from '../core/scanning/import/importService.js';
import { PopplerRasterizer } from '../core/scanning/import/popplerRasterizer.js';
import { PagePipeline } from '../core/scanning/pipeline/pagePipeline.js';
import type { CourtCore } from '../core/app/courtCore.js';
import { TesseractOrientationDetector } from '../native/tesseract/osd.js';

/** Composition of the capture services for a Node host: the page pipeline with Tesseract's orientation detection. */
export function createImportService(core: CourtCore): { imports: ImportService; pipeline: PagePipeline } {
  const pipeline = new PagePipeline({ detector: new TesseractOrientationDetector() });
  const imports = new ImportService({ db: core.db, blobs: core.blobs, pipeline, pdf: new PopplerRasterizer(), events: core.events });
  return { imports, pipeline };
}
