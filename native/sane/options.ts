import koffi from 'koffi';
import { CourtError } from '../../core/contract/index.js';
import type { BackendOption } from '../../core/scanning/port/scannerPort.js';
import { Action, Cap, ConstraintType, Info, OptionDescriptor, Range, Status, Unit, ValueType, type Sane } from './bindings.js';
import { statusError } from './statusError.js';

export type Constraint = BackendOption['constraint'];

export interface SaneOption {
  index: number;
  name: string;
  title: string;
  type: number;
  unit: number;
  /** Bytes of the value (a word is 4 bytes; a string includes its NUL). */
  size: number;
  cap: number;
  constraint: Constraint;
}

/** SANE_Fixed is 16.16 fixed point. */
const FIXED_ONE = 65536;
const WORD = 4;
const numeric = (type: number, word: number) => (type === ValueType.FIXED ? word / FIXED_ONE : word);
const typeNames = ['bool', 'int', 'fixed', 'string', 'button'] as const;

export const isActive = (o: SaneOption) => (o.cap & Cap.INACTIVE) === 0;
export const isSettable = (o: SaneOption) => (o.cap & Cap.SOFT_SELECT) !== 0;
/** Number of values: word options may be arrays (gamma tables); strings and buttons count as one. */
const valueCount = (o: SaneOption) => (o.type === ValueType.STRING || o.type === ValueType.BUTTON ? 1 : Math.max(1, Math.floor(o.size / WORD)));

function decodeConstraint(d: { type: number; constraint_type: number; constraint: unknown }): Constraint {
  switch (d.constraint_type) {
    case ConstraintType.RANGE: {
      const r = koffi.decode(d.constraint, Range) as { min: number; max: number; quant: number };
      return { kind: 'range', min: numeric(d.type, r.min), max: numeric(d.type, r.max), quant: numeric(d.type, r.quant) };
    }
    case ConstraintType.WORD_LIST: {
      // The first word is the list's length.
      const count = koffi.decode(d.constraint, 'int') as number;
      const words = count > 0 ? Array.from(koffi.decode(d.constraint, WORD, 'int', count) as ArrayLike<number>) : [];
      return { kind: 'words', values: words.map((w) => numeric(d.type, w)) };
    }
    case ConstraintType.STRING_LIST: {
      // NULL-terminated array of char*: test each slot as a pointer before reading it as a string.
      const values: string[] = [];
      const step = koffi.sizeof('void *');
      for (let i = 0; koffi.decode(d.constraint, i * step, 'void *'); i++) values.push(koffi.decode(d.constraint, i * step, 'const char *') as string);
      return { kind: 'strings', values };
    }
    default:
      return null;
  }
}

/**
 * All named options of an open device, keyed by name. Read again after any set that reports
 * SANE_INFO_RELOAD_OPTIONS: options appear, vanish or change their constraints. (Some backends,
 * SANE's test device among them, also refuse sane_control_option until the descriptors were read.)
 */
export function readOptions(s: Sane, handle: unknown): Map<string, SaneOption> {
  const countBuf = Buffer.alloc(WORD);
  const status = s.controlOption(handle, 0, Action.GET_VALUE, countBuf, [0]);
  if (status !== Status.GOOD) throw statusError(status, 'option', s.strstatus(status), { option: 'option count' });
  const options = new Map<string, SaneOption>();
  for (let i = 1; i < countBuf.readInt32LE(0); i++) {
    const ptr = s.getOptionDescriptor(handle, i);
    if (!ptr) continue;
    const d = koffi.decode(ptr, OptionDescriptor) as { name: string | null; title: string | null; type: number; unit: number; size: number; cap: number; constraint_type: number; constraint: unknown };
    if (!d.name || d.type === ValueType.GROUP) continue;
    options.set(d.name, { index: i, name: d.name, title: d.title ?? d.name, type: d.type, unit: d.unit, size: d.size, cap: d.cap, constraint: decodeConstraint(d) });
  }
  return options;
}

export function describeOption(o: SaneOption): BackendOption {
  return {
    name: o.name,
    title: o.title,
    type: typeNames[o.type] ?? 'int',
    unit: Unit[o.unit] ?? 'none',
    count: valueCount(o),
    constraint: o.constraint,
    active: isActive(o),
    settable: isSettable(o),
  };
}

function refused(o: SaneOption, value: string, why: string, whyEn: string): CourtError {
  const offered = o.constraint?.kind === 'strings' || o.constraint?.kind === 'words' ? o.constraint.values.join('、') : o.constraint?.kind === 'range' ? `${o.constraint.min}–${o.constraint.max}` : '';
  return new CourtError('SCANNER_UNSUPPORTED_SETTING', {
    message: `扫描仪选项 ${o.name}=${value} 无效：${why}${offered ? `（可选：${offered}）` : ''}`,
    messageEn: `Scanner option ${o.name}=${value}: ${whyEn}`,
    details: { option: o.name, value, constraint: o.constraint },
  });
}

const truthy = new Set(['yes', 'true', '1', 'on']);
const falsy = new Set(['no', 'false', '0', 'off']);

/** Our value (a string from the CLI, or a number) as the bytes sane_control_option expects. */
export function encodeValue(o: SaneOption, value: string | number | boolean): Buffer {
  const text = String(value);
  if (o.type === ValueType.STRING) {
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.length >= o.size) throw refused(o, text, `最长 ${o.size - 1} 字节`, `longer than ${o.size - 1} bytes`);
    if (o.constraint?.kind === 'strings' && !o.constraint.values.includes(text)) throw refused(o, text, '不在可选值中', 'not one of the offered values');
    const buf = Buffer.alloc(o.size);
    bytes.copy(buf);
    return buf;
  }
  const count = valueCount(o);
  const buf = Buffer.alloc(count * WORD);
  if (o.type === ValueType.BOOL) {
    const v = text.toLowerCase();
    if (!truthy.has(v) && !falsy.has(v)) throw refused(o, text, '应为 yes 或 no', 'expected yes or no');
    buf.writeInt32LE(truthy.has(v) ? 1 : 0);
    return buf;
  }
  const parts = text.split(',').map((p) => Number(p.trim()));
  if (parts.length !== count || parts.some((n) => !Number.isFinite(n))) {
    throw refused(o, text, count > 1 ? `应为 ${count} 个以逗号分隔的数` : '应为数字', count > 1 ? `expected ${count} comma-separated numbers` : 'expected a number');
  }
  const c = o.constraint;
  // 12.1 is not exactly representable in 16.16: a listed fixed value matches what a person types for it.
  const near = o.type === ValueType.FIXED ? 1e-4 : 0;
  for (const [i, typed] of parts.entries()) {
    if (c?.kind === 'range' && (typed < c.min - near || typed > c.max + near)) throw refused(o, text, '超出范围', 'out of range');
    const n = c?.kind === 'words' ? c.values.find((v) => Math.abs(v - typed) <= near) : typed;
    if (n === undefined) throw refused(o, text, '不在可选值中', 'not one of the offered values');
    const word = o.type === ValueType.FIXED ? Math.round(n * FIXED_ONE) : Math.round(n);
    if (word < -0x80000000 || word > 0x7fffffff) throw refused(o, text, '超出范围', 'out of range');
    buf.writeInt32LE(word, i * WORD);
  }
  return buf;
}

/** The first value of a word option (int, fixed or bool) as a number, or a string option's text. */
export function getOption(s: Sane, handle: unknown, o: SaneOption): number | string {
  const buf = getRaw(s, handle, o);
  if (o.type === ValueType.STRING) return buf.toString('utf8', 0, Math.max(0, buf.indexOf(0)));
  return numeric(o.type, buf.readInt32LE(0));
}

/** An option's value as the backend stores it, for putting it back later. */
export function getRaw(s: Sane, handle: unknown, o: SaneOption): Buffer {
  const buf = Buffer.alloc(Math.max(o.size, WORD));
  const status = s.controlOption(handle, o.index, Action.GET_VALUE, buf, [0]);
  if (status !== Status.GOOD) throw statusError(status, 'option', s.strstatus(status), { option: o.name });
  return buf;
}

export function setRaw(s: Sane, handle: unknown, o: SaneOption, value: Buffer): { reload: boolean } {
  const info = [0];
  const status = s.controlOption(handle, o.index, Action.SET_VALUE, value, info);
  if (status !== Status.GOOD) throw statusError(status, 'option', s.strstatus(status), { option: o.name });
  return { reload: (info[0] & Info.RELOAD_OPTIONS) !== 0 };
}

/** Sets (or, for a button, presses) one option; says whether the backend asked for the descriptors to be read again. */
export function setOption(s: Sane, handle: unknown, o: SaneOption, value: string | number | boolean): { reload: boolean } {
  const text = String(value);
  if (!isActive(o)) throw refused(o, text, '该选项在当前设置下不可用', 'inactive with the current settings');
  if (!isSettable(o)) throw refused(o, text, '该选项只读', 'read-only');
  if (o.type === ValueType.BUTTON) {
    const status = s.controlOption(handle, o.index, Action.SET_VALUE, null, [0]);
    if (status !== Status.GOOD) throw statusError(status, 'option', s.strstatus(status), { option: o.name });
    return { reload: false };
  }
  return setRaw(s, handle, o, encodeValue(o, value));
}
