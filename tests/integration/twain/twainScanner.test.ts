import { describe, expect, it } from 'vitest';
import { CourtError } from '../../../core/contract/index.js';
import type { RawPage, ScanSettings } from '../../../core/scanning/port/scannerPort.js';
import { TwainSequenceError } from '../../../core/scanning/twain/stateMachine.js';
import { TwainSession, type TraceStep } from '../../../native/twain/session.js';
import { TwainScanner } from '../../../native/twain/twainScanner.js';
import { fills, replayDsm, type Replay } from '../../fixtures/twain/replayDsm.js';

/**
 * The TWAIN adapter against recorded sessions (tests/fixtures/twain/adf-scanner.json). The
 * recording follows the TWAIN 2.4 specification but comes from no real driver: what passes here
 * is CourtDesk's sequencing, negotiation, error mapping and image assembly.
 */
const DEVICE = 'Replay ADF-60';
const adfGray: ScanSettings = { source: 'adf', mode: 'gray', resolution: 100, pageSize: 'A4', options: {} };

function rig(session: string) {
  const replay: Replay = replayDsm(session);
  const trace: TraceStep[] = [];
  const scanner = new TwainScanner({ dsm: () => replay.entry, trace: (s) => trace.push(s) });
  return { replay, trace, scanner };
}

async function collect(pages: AsyncIterable<RawPage>, onPage?: (p: RawPage) => void): Promise<{ pages: RawPage[]; error: CourtError | null }> {
  const got: RawPage[] = [];
  try {
    for await (const p of pages) {
      got.push(p);
      onPage?.(p);
    }
    return { pages: got, error: null };
  } catch (err) {
    if (!(err instanceof CourtError)) throw err;
    return { pages: got, error: err };
  }
}

function expectSheet(page: RawPage, sheet: number, index: number): void {
  expect(page).toMatchObject({ index, width: 827, height: 1169, depth: 8, channels: 1, bytesPerLine: 827, resolution: 100 });
  const expected = Buffer.alloc(827 * 1169);
  for (let y = 0; y < 1169; y++) for (let x = 0; x < 827; x++) expected[y * 827 + x] = fills.gray(`sheet-${sheet}`, x, y);
  expect(page.data.equals(expected)).toBe(true);
}

/** The states the session passed through, from its trace. */
const states = (trace: TraceStep[]) => trace.map((t) => `${t.triplet}→${t.state}`);

describe('TWAIN adapter on a recorded ADF session', () => {
  it('lists the sources the DSM knows', async () => {
    const { replay, scanner } = rig('list-devices');
    expect(await scanner.listDevices()).toEqual([
      { name: 'TWAIN2 FreeImage Software Scanner', vendor: 'TWAIN Working Group', model: 'Software Scan', type: 'TWAIN scanner' },
      { name: DEVICE, vendor: 'Replay Imaging', model: 'Duplex ADF', type: 'TWAIN scanner' },
    ]);
    expect(replay.left()).toEqual([]);
  });

  it("reads the source's capabilities into the port's terms", async () => {
    const { replay, scanner } = rig('read-capabilities');
    const caps = await scanner.capabilities(DEVICE);
    expect(Object.keys(caps.sources)).toEqual(['flatbed', 'adf', 'adf-duplex']);
    expect(caps.modes).toEqual(['color', 'gray', 'lineart']);
    expect(caps.resolutions).toEqual({ list: [100, 150, 200, 240, 300, 400, 600] });
    expect(caps.maxArea).toEqual({ widthMm: 215.9, heightMm: 355.6 });
    // ICAP_SUPPORTEDSIZES offers A4, A5, ISO B5, Letter and Legal (and JIS B5, which the port does not name).
    expect(caps.pageSizes).toEqual(['A4', 'A5', 'B5', 'Letter', 'Legal']);
    expect(replay.left()).toEqual([]);
  });

  it('delivers three sheets by memory transfer with their geometry and bytes, then closes down to state 1', async () => {
    const { replay, trace, scanner } = rig('three-sheets');
    const { pages, error } = await collect(scanner.scan(DEVICE, adfGray));
    expect(error).toBeNull();
    expect(pages).toHaveLength(3);
    pages.forEach((p, i) => expectSheet(p, i + 1, i));
    expect(Math.max(...trace.map((t) => t.state))).toBe(7);
    expect(states(trace).slice(-4)).toEqual(['USERINTERFACE/DISABLEDS→4', 'IDENTITY/CLOSEDS→3', 'PARENT/CLOSEDSM→2', 'UNLOAD_DSM→1']);
    expect(replay.left()).toEqual([]);
  });

  it('keeps the sheets before a paper jam and reports the jam with its remedy', async () => {
    const { replay, trace, scanner } = rig('jam-on-third-sheet');
    const { pages, error } = await collect(scanner.scan(DEVICE, adfGray));
    expect(pages).toHaveLength(2);
    expectSheet(pages[1], 2, 1);
    expect(error?.code).toBe('SCANNER_JAMMED');
    expect(error?.message).toBe('卡纸');
    expect(error?.remedy).toBe('卡纸：请打开进纸器取出纸张后点击继续');
    expect(error?.details).toMatchObject({ conditionCode: 'TWCC_PAPERJAM', triplet: 'IMAGEMEMXFER/GET', page: 2 });
    // The jam left the session in state 7: MSG_ENDXFER first, then the way down.
    expect(states(trace).slice(-5)).toEqual(['PENDINGXFERS/ENDXFER→5', 'USERINTERFACE/DISABLEDS→4', 'IDENTITY/CLOSEDS→3', 'PARENT/CLOSEDSM→2', 'UNLOAD_DSM→1']);
    expect(replay.left()).toEqual([]);
  });

  it('reports an empty feeder before the first sheet without enabling the source', async () => {
    const { replay, scanner } = rig('feeder-empty');
    const { pages, error } = await collect(scanner.scan(DEVICE, adfGray));
    expect(pages).toEqual([]);
    expect(error?.code).toBe('SCANNER_FEEDER_EMPTY');
    expect(error?.remedy).toBe('请将材料放入进纸器后点击继续');
    expect(replay.calls).not.toContain('DAT_USERINTERFACE/MSG_ENABLEDS');
    expect(replay.left()).toEqual([]);
  });

  it('ends the batch normally when the feeder runs out after two sheets', async () => {
    const { replay, scanner } = rig('feeder-runs-out-after-two');
    const { pages, error } = await collect(scanner.scan(DEVICE, adfGray));
    expect(error).toBeNull();
    expect(pages.map((p) => p.index)).toEqual([0, 1]);
    expect(replay.left()).toEqual([]);
  });

  it('cancelled between sheets, drops the pending transfers and steps back through states 5, 4, 3', async () => {
    const { replay, trace, scanner } = rig('cancel-after-first');
    const stop = new AbortController();
    const { pages, error } = await collect(scanner.scan(DEVICE, adfGray, stop.signal), () => stop.abort());
    expect(error).toBeNull();
    expect(pages).toHaveLength(1);
    expect(states(trace).slice(-5)).toEqual(['PENDINGXFERS/RESET→5', 'USERINTERFACE/DISABLEDS→4', 'IDENTITY/CLOSEDS→3', 'PARENT/CLOSEDSM→2', 'UNLOAD_DSM→1']);
    expect(replay.left()).toEqual([]);
  });

  it('cancelled in the middle of a sheet, ends that transfer from state 7 before stepping back', async () => {
    const replay = replayDsm('cancel-mid-page');
    const trace: TraceStep[] = [];
    const stop = new AbortController();
    let strips = 0;
    const scanner = new TwainScanner({
      dsm: () => replay.entry,
      trace: (s) => {
        trace.push(s);
        // Sheet 1 comes in four strips; stop after the second strip of sheet 2.
        if (s.triplet === 'IMAGEMEMXFER/GET' && ++strips === 6) stop.abort();
      },
    });
    const { pages, error } = await collect(scanner.scan(DEVICE, adfGray, stop.signal));
    expect(error).toBeNull();
    expect(pages).toHaveLength(1);
    expect(states(trace).slice(-7)).toEqual([
      'IMAGEMEMXFER/GET→7',
      'PENDINGXFERS/ENDXFER→6',
      'PENDINGXFERS/RESET→5',
      'USERINTERFACE/DISABLEDS→4',
      'IDENTITY/CLOSEDS→3',
      'PARENT/CLOSEDSM→2',
      'UNLOAD_DSM→1',
    ]);
    expect(replay.left()).toEqual([]);
  });

  it.each<[string, Partial<ScanSettings>, RegExp]>([
    ['a resolution the source does not list', { resolution: 1200 }, /分辨率“1200 dpi”.*100、150、200/],
    ['a size beyond its supported sizes', { pageSize: 'A3' }, /纸张尺寸“A3”/],
    ['a custom area (no DAT_IMAGELAYOUT)', { pageSize: { widthMm: 100, heightMm: 100 } }, /纸张尺寸“100×100 mm”/],
    ['a SANE pass-through option', { options: { filename: '/tmp/page.pnm' } }, /选项“filename”/],
  ])('refuses %s before setting anything or scanning', async (_what, change, message) => {
    const { replay, scanner } = rig('read-capabilities');
    const { pages, error } = await collect(scanner.scan(DEVICE, { ...adfGray, ...change }));
    expect(pages).toEqual([]);
    expect(error?.code).toBe('SCANNER_UNSUPPORTED_SETTING');
    expect(error?.message).toMatch(message);
    expect(replay.calls.filter((c) => c === 'DAT_CAPABILITY/MSG_SET' || c === 'DAT_USERINTERFACE/MSG_ENABLEDS')).toEqual([]);
    expect(replay.left()).toEqual([]);
  });

  it('falls back to native transfer when memory transfer is refused: a lineart DIB becomes 1 = black', async () => {
    const { replay, scanner } = rig('glass-native');
    const { pages, error } = await collect(scanner.scan(DEVICE, { source: 'flatbed', mode: 'lineart', resolution: 200, options: {} }));
    expect(error).toBeNull();
    expect(pages).toHaveLength(1);
    const [page] = pages;
    expect(page).toMatchObject({ width: 1654, height: 2339, depth: 1, channels: 1, bytesPerLine: 207, resolution: 200 });
    const bit = (x: number, y: number) => (page.data[y * page.bytesPerLine + (x >> 3)] >> (7 - (x & 7))) & 1;
    for (const [x, y] of [[0, 0], [8, 0], [0, 8], [13, 2338], [1653, 1000], [800, 801]]) expect(bit(x, y)).toBe(fills.ink(x, y));
    expect(replay.left()).toEqual([]);
  });

  it('catches a triplet out of order before it reaches the DSM', () => {
    const replay = replayDsm('list-devices');
    const session = new TwainSession(replay.entry);
    session.open();
    const sent = replay.calls.length;
    expect(() => session.send('IMAGEINFO/GET', {})).toThrow(TwainSequenceError);
    expect(() => session.send('USERINTERFACE/ENABLEDS', { showUI: false, modalUI: false })).toThrow(/not allowed in state 3/);
    expect(replay.calls).toHaveLength(sent);
    session.sources();
    session.close();
    expect(session.state).toBe(1);
    expect(replay.left()).toEqual([]);
  });
});
