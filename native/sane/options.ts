import koffi from 'koffi';
import { Action, ConstraintType, Info, OptionDescriptor, Range, Status, ValueType, type Sane } from './bindings.js';
import { statusError } from './statusError.js';

export type Constraint =
  | { kind: 'range'; min: number; max: number; quant: number }
  | { kind: 'words'; values: number[] }
  | { kind: 'strings'; values: string[] }
  | null;

export interface SaneOption {
  index: number;
  name: string;
  type: number;
  size: number;
  cap: number;
  constraint: Constraint;
}

const FIXED_ONE = 65536;
const numeric = (type: number, word: number) => (type === ValueType.FIXED ? word / FIXED_ONE : word);

function decodeConstraint(d: { type: number; constraint_type: number; constraint: unknown }): Constraint {
  switch (d.constraint_type) {
    case ConstraintType.RANGE: {
      const r = koffi.decode(d.constraint, Range) as { min: number; max: number; quant: number };
      return { kind: 'range', min: numeric(d.type, r.min), max: numeric(d.type, r.max), quant: numeric(d.type, r.quant) };
    }
    case ConstraintType.WORD_LIST: {
      const count = koffi.decode(d.constraint, 'int') as number;
      const words = count > 0 ? (koffi.decode(d.constraint, 4, 'int', count) as number[]) : [];
      return { kind: 'words', values: words.map((w) => numeric(d.type, w)) };
    }
    case ConstraintType.STRING_LIST: {
      const values: string[] = [];
      const step = koffi.sizeof('void *');
      for (let i = 0; koffi.decode(d.constraint, i * step, 'void *'); i++) values.push(koffi.decode(d.constraint, i * step, 'const char *') as string);
      return { kind: 'strings', values };
    }
    default:
      return null;
  }
}

/** All named options of an open device. Must be called again after a set that reports SANE_INFO_RELOAD_OPTIONS. */
export function readOptions(s: Sane, handle: unknown): Map<string, SaneOption> {
  const countBuf = Buffer.alloc(4);
  const status = s.controlOption(handle, 0, Action.GET_VALUE, countBuf, [0]);
  if (status !== Status.GOOD) throw statusError(status, 'read option count', s.strstatus(status));
  const options = new Map<string, SaneOption>();
  for (let i = 1; i < countBuf.readInt32LE(0); i++) {
    const ptr = s.getOptionDescriptor(handle, i);
    if (!ptr) continue;
    const d = koffi.decode(ptr, OptionDescriptor) as { name: string | null; type: number; size: number; cap: number; constraint_type: number; constraint: unknown };
    if (!d.name || d.type === ValueType.GROUP || d.type === ValueType.BUTTON) continue;
    options.set(d.name, { index: i, name: d.name, type: d.type, size: d.size, cap: d.cap, constraint: decodeConstraint(d) });
  }
  return options;
}

/** Sets one option; returns whether the backend asked for the descriptors to be read again. */
export function setOption(s: Sane, handle: unknown, opt: SaneOption, value: string | number | boolean): { reload: boolean } {
  const buf = Buffer.alloc(Math.max(opt.size, 4));
  if (opt.type === ValueType.STRING) buf.write(`${String(value)}\0`, 'utf8');
  else if (opt.type === ValueType.FIXED) buf.writeInt32LE(Math.round(Number(value) * FIXED_ONE));
  else if (opt.type === ValueType.BOOL) buf.writeInt32LE(value === true || value === 'true' || value === '1' || value === 'yes' ? 1 : 0);
  else buf.writeInt32LE(Math.round(Number(value)));
  const info = [0];
  const status = s.controlOption(handle, opt.index, Action.SET_VALUE, buf, info);
  if (status !== Status.GOOD) throw statusError(status, `set ${opt.name}=${String(value)}`, s.strstatus(status));
  return { reload: (info[0] & Info.RELOAD_OPTIONS) !== 0 };
}
