import { describe, expect, it } from 'vitest';
import { errorCatalogue } from '../../../core/contract/index.js';
import { Status } from '../../../native/sane/bindings.js';
import { codeFor, statusError, type SaneCall } from '../../../native/sane/statusError.js';

const calls: SaneCall[] = ['open', 'option', 'start', 'read', 'devices'];

describe('every SANE_Status has an operator-facing code', () => {
  it('maps each status the same at every call, except the ones whose meaning depends on it', () => {
    const table = Object.fromEntries(Object.entries(Status).map(([name, n]) => [name, Object.fromEntries(calls.map((c) => [c, codeFor(n, c)]))]));
    const everywhere = (code: string) => Object.fromEntries(calls.map((c) => [c, code]));
    expect(table).toEqual({
      GOOD: everywhere('SCANNER_IO'),
      UNSUPPORTED: everywhere('SCANNER_UNSUPPORTED_SETTING'),
      CANCELLED: everywhere('SCANNER_CANCELLED'),
      DEVICE_BUSY: everywhere('SCANNER_BUSY'),
      // sane.h: INVAL "includes no dev at open"; for an option it is a refused value.
      INVAL: { open: 'SCANNER_OFFLINE', option: 'SCANNER_UNSUPPORTED_SETTING', start: 'SCANNER_IO', read: 'SCANNER_IO', devices: 'SCANNER_IO' },
      EOF: everywhere('SCANNER_IO'),
      JAMMED: everywhere('SCANNER_JAMMED'),
      NO_DOCS: everywhere('SCANNER_FEEDER_EMPTY'),
      COVER_OPEN: everywhere('SCANNER_COVER_OPEN'),
      IO_ERROR: everywhere('SCANNER_IO'),
      NO_MEM: everywhere('SCANNER_IO'),
      ACCESS_DENIED: everywhere('SCANNER_ACCESS_DENIED'),
      WARMING_UP: everywhere('SCANNER_BUSY'),
      HW_LOCKED: everywhere('SCANNER_BUSY'),
    });
    expect(codeFor(99, 'read')).toBe('SCANNER_IO');
  });

  it('keeps the backend’s words for support, and gives a jam the operator’s instruction', () => {
    const jam = statusError(Status.JAMMED, 'read', 'Document feeder jammed', { device: 'fujitsu:libusb:001:004', page: 3 });
    expect(jam.message).toBe('卡纸');
    expect(jam.remedy).toBe(errorCatalogue.SCANNER_JAMMED.remedy);
    expect(jam.remedy).toContain('请打开进纸器取出纸张后点击继续');
    expect(jam.details).toEqual({ device: 'fujitsu:libusb:001:004', page: 3, status: 6, saneStatus: 'SANE_STATUS_JAMMED', saneMessage: 'Document feeder jammed', call: 'read' });
    expect(statusError(Status.HW_LOCKED, 'start', 'locked').remedy).toContain('运输锁');
    expect(statusError(42, 'read', '?').details?.saneStatus).toBe('SANE status 42');
  });
});
