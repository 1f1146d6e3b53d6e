import type { CourtCore } from '../core/app/courtCore.js';
import { OcrQueue } from '../core/ocr/queue.js';
import { TesseractEngine } from '../native/tesseract/tesseractEngine.js';

/** The workstation's background OCR: Tesseract behind the core's queue, progress on the event bus. */
export function createOcrQueue(core: CourtCore): OcrQueue {
  return new OcrQueue({
    db: core.db,
    blobs: core.blobs,
    engine: new TesseractEngine(),
    onProgress: (p) => core.events.emit('job.progress', p),
  });
}
