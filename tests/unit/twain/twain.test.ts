import koffi from 'koffi';
import { describe, expect, it } from 'vitest';
import { TwainSequenceError, TwainStateMachine, type Triplet } from '../../../core/scanning/twain/stateMachine.js';
import { CourtError } from '../../../core/contract/index.js';
import { dsmPathVariable, loadDsm } from '../../../native/twain/dsmLibrary.js';
import * as tw from '../../../native/twain/structs.js';

const ptr = koffi.sizeof('void *');

/**
 * Sizes and offsets as twain.h 2.4 lays them out under #pragma pack(2): TW_STR32 is 34 chars,
 * TW_BOOL and TW_UINT16 2 bytes, TW_UINT32 4, TW_FIX32 4, TW_HANDLE and TW_MEMREF pointer-sized,
 * with no padding between fields (all start on even offsets). Expected values are those sums.
 */
describe('TWAIN structures match twain.h with 2-byte packing', () => {
  it('TW_IDENTITY, TW_VERSION', () => {
    expect(koffi.sizeof(tw.TW_VERSION)).toBe(42);
    expect(koffi.sizeof(tw.TW_IDENTITY)).toBe(156);
    expect(koffi.offsetof(tw.TW_IDENTITY, 'Version')).toBe(4);
    expect(koffi.offsetof(tw.TW_IDENTITY, 'ProtocolMajor')).toBe(46);
    expect(koffi.offsetof(tw.TW_IDENTITY, 'SupportedGroups')).toBe(50);
    expect(koffi.offsetof(tw.TW_IDENTITY, 'Manufacturer')).toBe(54);
    expect(koffi.offsetof(tw.TW_IDENTITY, 'ProductName')).toBe(122);
  });

  it('capability, user interface, pending transfers and event structures', () => {
    expect(koffi.sizeof(tw.TW_CAPABILITY)).toBe(4 + ptr);
    expect(koffi.sizeof(tw.TW_ONEVALUE)).toBe(6);
    expect(koffi.sizeof(tw.TW_USERINTERFACE)).toBe(4 + ptr);
    expect(koffi.sizeof(tw.TW_PENDINGXFERS)).toBe(6);
    expect(koffi.sizeof(tw.TW_EVENT)).toBe(ptr + 2);
  });

  it('image information and memory transfer', () => {
    expect(koffi.sizeof(tw.TW_IMAGEINFO)).toBe(42);
    expect(koffi.offsetof(tw.TW_IMAGEINFO, 'SamplesPerPixel')).toBe(16);
    expect(koffi.offsetof(tw.TW_IMAGEINFO, 'PixelType')).toBe(38);
    expect(koffi.sizeof(tw.TW_MEMORY)).toBe(8 + ptr);
    expect(koffi.offsetof(tw.TW_IMAGEMEMXFER, 'BytesPerRow')).toBe(2);
    expect(koffi.offsetof(tw.TW_IMAGEMEMXFER, 'Memory')).toBe(26);
    expect(koffi.sizeof(tw.TW_IMAGEMEMXFER)).toBe(26 + 8 + ptr);
  });

  it('status, memory set-up, callback, entry points and container headers', () => {
    expect(koffi.sizeof(tw.TW_STATUS)).toBe(4);
    expect(koffi.sizeof(tw.TW_SETUPMEMXFER)).toBe(12);
    expect(koffi.sizeof(tw.TW_CALLBACK2)).toBe(2 * ptr + 2);
    expect(koffi.offsetof(tw.TW_CALLBACK2, 'Message')).toBe(2 * ptr);
    expect(koffi.sizeof(tw.TW_ENTRYPOINT)).toBe(4 + 5 * ptr);
    expect(koffi.offsetof(tw.TW_ENTRYPOINT, 'DSM_Entry')).toBe(4);
    expect(koffi.sizeof(tw.TW_ENUMERATION_HEADER)).toBe(14);
    expect(koffi.sizeof(tw.TW_ARRAY_HEADER)).toBe(6);
    expect(koffi.sizeof(tw.TW_RANGE)).toBe(22);
    expect(koffi.offsetof(tw.TW_RANGE, 'CurrentValue')).toBe(18);
  });
});

describe('loading the DSM', () => {
  it('off Windows, without a DSM named, says TWAIN is for Windows and points to SANE', () => {
    if (process.platform === 'win32') return;
    const err = catchError(() => loadDsm({}));
    expect(err).toMatchObject({ code: 'SCANNER_DRIVER_MISSING', messageEn: 'TWAIN is available on Windows only' });
    expect(err.remedy).toMatch(/SANE/);
  });

  it('a DSM that is not installed is SCANNER_DRIVER_MISSING with what to install', () => {
    const err = catchError(() => loadDsm({ [dsmPathVariable]: '/nonexistent/TWAINDSM.dll' }));
    expect(err.code).toBe('SCANNER_DRIVER_MISSING');
    expect(err.message).toBe('未找到 TWAIN 数据源管理器（TWAINDSM.dll）');
    expect(err.remedy).toMatch(/TWAIN DSM/);
  });
});

function catchError(run: () => unknown): CourtError {
  try {
    run();
  } catch (err) {
    if (err instanceof CourtError) return err;
    throw err;
  }
  throw new Error('expected a CourtError');
}

/** A recorded session: an ADF batch of three pages by memory transfer, then closing down. */
const adfSession: [Triplet, { rc?: 'SUCCESS' | 'XFERDONE' | 'CANCEL' | 'FAILURE'; pending?: number }?, number?][] = [
  ['LOAD_DSM', undefined, 2],
  ['PARENT/OPENDSM', undefined, 3],
  ['IDENTITY/OPENDS', undefined, 4],
  ['CAPABILITY/SET', undefined, 4],
  ['CAPABILITY/SET', undefined, 4],
  ['USERINTERFACE/ENABLEDS', undefined, 5],
  ['EVENT/XFERREADY', undefined, 6],
  ...[2, 1, 0].flatMap((left): [Triplet, { rc?: 'SUCCESS' | 'XFERDONE'; pending?: number }?, number?][] => [
    ['IMAGEINFO/GET', undefined, 6],
    ['IMAGEMEMXFER/GET', { rc: 'SUCCESS' }, 7],
    ['IMAGEMEMXFER/GET', { rc: 'SUCCESS' }, 7],
    ['IMAGEMEMXFER/GET', { rc: 'XFERDONE' }, 7],
    ['PENDINGXFERS/ENDXFER', { pending: left }, left > 0 ? 6 : 5],
  ]),
  ['USERINTERFACE/DISABLEDS', undefined, 4],
  ['IDENTITY/CLOSEDS', undefined, 3],
  ['PARENT/CLOSEDSM', undefined, 2],
  ['UNLOAD_DSM', undefined, 1],
];

describe('TWAIN state machine', () => {
  it('follows a recorded three-page ADF session through states 1–7 and back', () => {
    const m = new TwainStateMachine();
    for (const [triplet, outcome, expected] of adfSession) expect(m.apply(triplet, outcome)).toBe(expected);
  });

  it('refuses out-of-order triplets before they reach the data source', () => {
    const m = new TwainStateMachine();
    expect(() => m.apply('IDENTITY/OPENDS')).toThrow(TwainSequenceError);
    m.apply('LOAD_DSM');
    m.apply('PARENT/OPENDSM');
    expect(() => m.apply('USERINTERFACE/ENABLEDS')).toThrow(/not allowed in state 3/);
    m.apply('IDENTITY/OPENDS');
    m.apply('USERINTERFACE/ENABLEDS');
    expect(() => m.apply('CAPABILITY/SET')).toThrow(/state 5/);
    expect(() => m.apply('IMAGENATIVEXFER/GET')).toThrow(/state 5/);
  });

  it('stays in state 6 while the source has more, even when it cannot say how many (Count -1)', () => {
    const m = new TwainStateMachine();
    for (const t of ['LOAD_DSM', 'PARENT/OPENDSM', 'IDENTITY/OPENDS', 'USERINTERFACE/ENABLEDS', 'EVENT/XFERREADY'] as const) m.apply(t);
    m.apply('IMAGEMEMXFER/GET', { rc: 'XFERDONE' });
    expect(m.apply('PENDINGXFERS/ENDXFER', { pending: -1 })).toBe(6);
    expect(() => m.check('USERINTERFACE/DISABLEDS')).toThrow(/state 6/);
    expect(m.state).toBe(6);
  });

  it('stays put when the source fails, and a cancelled batch returns to state 5', () => {
    const m = new TwainStateMachine();
    for (const t of ['LOAD_DSM', 'PARENT/OPENDSM', 'IDENTITY/OPENDS', 'USERINTERFACE/ENABLEDS', 'EVENT/XFERREADY'] as const) m.apply(t);
    expect(m.apply('IMAGENATIVEXFER/GET', { rc: 'FAILURE' })).toBe(6);
    expect(m.apply('PENDINGXFERS/RESET')).toBe(5);
  });
});
