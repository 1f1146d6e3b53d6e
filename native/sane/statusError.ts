import { CourtError, type ErrorCode } from '../../core/contract/index.js';
import { Status } from './bindings.js';

/** Which SANE call answered: the same status means different things to the operator at each. */
export type SaneCall = 'open' | 'option' | 'start' | 'read' | 'devices';

const statusNames: Record<number, string> = Object.fromEntries(Object.entries(Status).map(([name, n]) => [n, `SANE_STATUS_${name}`]));

/**
 * Every SANE_Status as an operator-facing code. GOOD and EOF are not errors where SANE uses
 * them (EOF ends a page in sane_read); NO_DOCS at start or read is the end of a feeder batch
 * after its first page, which the scan loop handles before asking here.
 */
export function codeFor(status: number, call: SaneCall): ErrorCode {
  switch (status) {
    case Status.UNSUPPORTED:
      return 'SCANNER_UNSUPPORTED_SETTING';
    case Status.CANCELLED:
      return 'SCANNER_CANCELLED';
    case Status.DEVICE_BUSY:
    case Status.WARMING_UP:
      return 'SCANNER_BUSY';
    // sane.h: "data is invalid (includes no dev at open)"; for an option it is a value the device refused.
    case Status.INVAL:
      return call === 'open' ? 'SCANNER_OFFLINE' : call === 'option' ? 'SCANNER_UNSUPPORTED_SETTING' : 'SCANNER_IO';
    case Status.JAMMED:
      return 'SCANNER_JAMMED';
    case Status.NO_DOCS:
      return 'SCANNER_FEEDER_EMPTY';
    case Status.COVER_OPEN:
      return 'SCANNER_COVER_OPEN';
    case Status.ACCESS_DENIED:
      return 'SCANNER_ACCESS_DENIED';
    case Status.HW_LOCKED:
      return 'SCANNER_BUSY';
    // IO_ERROR, NO_MEM, EOF outside sane_read, and codes newer than this list.
    default:
      return 'SCANNER_IO';
  }
}

const lockedRemedy = '扫描仪的运输锁未打开：请按说明书解开扫描仪底部或侧面的运输锁后重试';

/** One SANE status as a CourtError, keeping the backend's own words and the call in the details. */
export function statusError(status: number, call: SaneCall, saneText: string, extra: Record<string, unknown> = {}): CourtError {
  return new CourtError(codeFor(status, call), {
    ...(status === Status.HW_LOCKED ? { remedy: lockedRemedy } : {}),
    details: { ...extra, status, saneStatus: statusNames[status] ?? `SANE status ${status}`, saneMessage: saneText, call },
  });
}
