import { describe, expect, it } from 'vitest';
import { dsmLibraryPath } from '../../../native/twain/dsmLibrary.js';
import type { TraceStep } from '../../../native/twain/session.js';
import { TwainScanner } from '../../../native/twain/twainScanner.js';

/**
 * The real TWAIN Data Source Manager through koffi: TWAINDSM.dll on Windows, or a DSM named by
 * COURTDESK_TWAINDSM (the TWAIN Working Group's twain-dsm also builds libtwaindsm.so on Linux).
 * Skipped where neither exists, which is every machine of this project's CI.
 */
const dsm = dsmLibraryPath();

describe.skipIf(!dsm)(`the real DSM (${dsm ?? 'none here'})`, () => {
  it('opens with our identity, reads its entry points, lists its sources and closes back to state 1', async () => {
    const trace: TraceStep[] = [];
    const devices = await new TwainScanner({ trace: (s) => trace.push(s) }).listDevices();
    expect(Array.isArray(devices)).toBe(true);
    expect(trace.slice(0, 3).map((t) => [t.triplet, t.rc, t.state])).toEqual([
      ['LOAD_DSM', 0, 2],
      ['PARENT/OPENDSM', 0, 3],
      ['ENTRYPOINT/GET', 0, 3],
    ]);
    expect(trace.at(-1)).toMatchObject({ triplet: 'UNLOAD_DSM', state: 1 });
  });

  it('an unknown source is SCANNER_OFFLINE, and the DSM is closed again', async () => {
    const trace: TraceStep[] = [];
    await expect(new TwainScanner({ trace: (s) => trace.push(s) }).capabilities('CourtDesk no such source')).rejects.toMatchObject({ code: 'SCANNER_OFFLINE' });
    expect(trace.at(-1)).toMatchObject({ triplet: 'UNLOAD_DSM', state: 1 });
  });
});
