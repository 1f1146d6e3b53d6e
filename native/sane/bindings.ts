import koffi from 'koffi';
import { CourtError } from '../../core/contract/index.js';

/** The SANE 1.x C API (sane/sane.h), declared for koffi. Words are 32-bit ints; pointers are opaque. */
export const Status = {
  GOOD: 0,
  UNSUPPORTED: 1,
  CANCELLED: 2,
  DEVICE_BUSY: 3,
  INVAL: 4,
  EOF: 5,
  JAMMED: 6,
  NO_DOCS: 7,
  COVER_OPEN: 8,
  IO_ERROR: 9,
  NO_MEM: 10,
  ACCESS_DENIED: 11,
  // Not in sane.h 1.0 (kept under #if 0 there) but returned by some backends.
  WARMING_UP: 12,
  HW_LOCKED: 13,
} as const;

export const ValueType = { BOOL: 0, INT: 1, FIXED: 2, STRING: 3, BUTTON: 4, GROUP: 5 } as const;
export const ConstraintType = { NONE: 0, RANGE: 1, WORD_LIST: 2, STRING_LIST: 3 } as const;
export const Action = { GET_VALUE: 0, SET_VALUE: 1, SET_AUTO: 2 } as const;
export const Info = { INEXACT: 1, RELOAD_OPTIONS: 2, RELOAD_PARAMS: 4 } as const;
export const Unit = ['none', 'pixel', 'bit', 'mm', 'dpi', 'percent', 'microsecond'] as const;
export const Cap = { SOFT_SELECT: 1, INACTIVE: 32 } as const;
export const Frame = { GRAY: 0, RGB: 1 } as const;

const Device = koffi.struct('SANE_Device', { name: 'const char *', vendor: 'const char *', model: 'const char *', type: 'const char *' });
export const Range = koffi.struct('SANE_Range', { min: 'int', max: 'int', quant: 'int' });
export const OptionDescriptor = koffi.struct('SANE_Option_Descriptor', {
  name: 'const char *',
  title: 'const char *',
  desc: 'const char *',
  type: 'int',
  unit: 'int',
  size: 'int',
  cap: 'int',
  constraint_type: 'int',
  constraint: 'void *',
});
export const Parameters = koffi.struct('SANE_Parameters', {
  format: 'int',
  last_frame: 'int',
  bytes_per_line: 'int',
  pixels_per_line: 'int',
  lines: 'int',
  depth: 'int',
});

export interface SaneParameters {
  format: number;
  last_frame: number;
  bytes_per_line: number;
  pixels_per_line: number;
  lines: number;
  depth: number;
}

function load() {
  let lib: ReturnType<typeof koffi.load>;
  try {
    lib = koffi.load(process.platform === 'darwin' ? 'libsane.1.dylib' : 'libsane.so.1');
  } catch (err) {
    throw new CourtError('SCANNER_DRIVER_MISSING', { details: { cause: String(err) } });
  }
  return {
    init: lib.func('int sane_init(_Out_ int *version, void *authorize)'),
    exit: lib.func('void sane_exit(void)'),
    getDevices: lib.func('int sane_get_devices(_Out_ void **list, int local_only)'),
    open: lib.func('int sane_open(const char *name, _Out_ void **handle)'),
    close: lib.func('void sane_close(void *handle)'),
    getOptionDescriptor: lib.func('void *sane_get_option_descriptor(void *handle, int option)'),
    controlOption: lib.func('int sane_control_option(void *handle, int option, int action, void *value, _Out_ int *info)'),
    getParameters: lib.func('int sane_get_parameters(void *handle, _Out_ SANE_Parameters *params)'),
    start: lib.func('int sane_start(void *handle)'),
    read: lib.func('int sane_read(void *handle, uint8_t *data, int maxLength, _Out_ int *length)'),
    cancel: lib.func('void sane_cancel(void *handle)'),
    strstatus: lib.func('const char *sane_strstatus(int status)'),
  };
}

export type Sane = ReturnType<typeof load>;

let loaded: Sane | undefined;

/** Loads libsane once and calls sane_init; SANE_CONFIG_DIR must be set before this (libsane reads it at init). */
export function sane(): Sane {
  if (!loaded) {
    const lib = load();
    const status = lib.init([0], null);
    if (status !== Status.GOOD) throw new CourtError('SCANNER_DRIVER_MISSING', { details: { status } });
    loaded = lib;
  }
  return loaded;
}

/** sane_exit: backends release their USB and network handles. Open devices must be closed first. */
export function shutdownSane(): void {
  loaded?.exit();
  loaded = undefined;
}

/** The NULL-terminated SANE_Device* array from sane_get_devices. */
export function decodeDevices(list: unknown): { name: string; vendor: string; model: string; type: string }[] {
  const out = [];
  for (let i = 0; ; i++) {
    const ptr = koffi.decode(list, i * koffi.sizeof('void *'), 'void *');
    if (!ptr) return out;
    out.push(koffi.decode(ptr, Device) as { name: string; vendor: string; model: string; type: string });
  }
}
