import type { CourtCore } from '../core/app/courtCore.js';
import { DEFAULT_OCR_LANGS } from '../core/ocr/port.js';
import { capturedPageIds } from '../core/scanning/batches/captureResult.js';
import type { IsolatedScannerOptions } from '../native/scanning/isolatedScanner.js';
import { createCaptureServices } from './capture.js';
import { createOcrQueue } from './ocr.js';

export interface WorkstationServices {
  /** Cancels running scans, waits for their batches to close, ends the driver and the OCR workers. */
  stop(): Promise<void>;
}

/**
 * What an interactive host (the desktop app, `courtdesk serve`) runs beside the core: scanners
 * reachable from the UI, and background OCR that picks up pages left queued by an earlier run and
 * every page a scan stores.
 */
export function startWorkstation(core: CourtCore, opts: { scanner?: IsolatedScannerOptions } = {}): WorkstationServices {
  const ocr = createOcrQueue(core);
  const capture = createCaptureServices(core, opts.scanner);
  const detach = core.attachCapture({
    ...capture,
    onCaptured: (r) => ocr.enqueue(capturedPageIds(r), DEFAULT_OCR_LANGS),
    onPagesChanged: (pageIds) => ocr.enqueue(pageIds, DEFAULT_OCR_LANGS),
  });
  ocr.start();
  return {
    stop: async () => {
      await detach();
      await capture.close();
      await ocr.stop();
    },
  };
}
