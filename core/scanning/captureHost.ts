import type { CaptureResult } from './batches/captureResult.js';
import type { CaptureService } from './batches/captureService.js';
import type { ScannerPort } from './port/scannerPort.js';

/**
 * What a host that can reach scanners hands the core (hosts/capture.ts builds it): the capture
 * service over its page pipeline and the scanner driver. Hosts without one (a plain CLI run)
 * answer the scanning methods with SCANNER_DRIVER_MISSING.
 */
export interface CaptureHost {
  captures: Pick<CaptureService, 'scan' | 'continueBatch' | 'rescanPage'>;
  scanner: ScannerPort;
  /** Told the pages a scan stored once it ends, e.g. to queue them for OCR. */
  onCaptured?: (result: CaptureResult) => void;
  /** Told of pages whose master an edit replaced (turned, rescanned): their recognition is already queued in the store; this wakes the OCR runner. */
  onPagesChanged?: (pageIds: number[]) => void;
}
