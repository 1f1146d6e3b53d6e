import { CourtError, type ErrorCode } from '../../core/contract/index.js';
import { Status } from './bindings.js';

const codes: Partial<Record<number, ErrorCode>> = {
  [Status.DEVICE_BUSY]: 'SCANNER_BUSY',
  [Status.JAMMED]: 'SCANNER_JAMMED',
  [Status.NO_DOCS]: 'SCANNER_FEEDER_EMPTY',
  [Status.COVER_OPEN]: 'SCANNER_COVER_OPEN',
  [Status.IO_ERROR]: 'SCANNER_IO',
  [Status.ACCESS_DENIED]: 'SCANNER_ACCESS_DENIED',
  [Status.INVAL]: 'SCANNER_OFFLINE',
  [Status.UNSUPPORTED]: 'SCANNER_UNSUPPORTED_SETTING',
};

/** One SANE status as the operator-facing error, keeping the backend's own words in the details. */
export function statusError(status: number, during: string, saneText: string): CourtError {
  return new CourtError(codes[status] ?? 'SCANNER_IO', { details: { status, saneStatus: saneText, during } });
}
