/**
 * The twain.h 2.4 constants the adapter uses, by their twain.h names (without the prefix), so
 * a recorded session or a DSM log reads the same as the code.
 */
export const DG = { CONTROL: 0x0001, IMAGE: 0x0002 } as const;

/** SupportedGroups flags: the application speaks TWAIN 2; the DSM and the source set theirs. */
export const DF = { DSM2: 0x10000000, APP2: 0x20000000, DS2: 0x40000000 } as const;

export const DAT = {
  CAPABILITY: 0x0001,
  EVENT: 0x0002,
  IDENTITY: 0x0003,
  PARENT: 0x0004,
  PENDINGXFERS: 0x0005,
  SETUPMEMXFER: 0x0006,
  STATUS: 0x0008,
  USERINTERFACE: 0x0009,
  CALLBACK2: 0x0012,
  IMAGEINFO: 0x0101,
  IMAGEMEMXFER: 0x0103,
  IMAGENATIVEXFER: 0x0104,
  ENTRYPOINT: 0x0403,
} as const;

export const MSG = {
  GET: 0x0001,
  GETCURRENT: 0x0002,
  GETFIRST: 0x0004,
  GETNEXT: 0x0005,
  SET: 0x0006,
  RESET: 0x0007,
  QUERYSUPPORT: 0x0008,
  XFERREADY: 0x0101,
  CLOSEDSREQ: 0x0102,
  CLOSEDSOK: 0x0103,
  DEVICEEVENT: 0x0104,
  OPENDSM: 0x0301,
  CLOSEDSM: 0x0302,
  OPENDS: 0x0401,
  CLOSEDS: 0x0402,
  DISABLEDS: 0x0501,
  ENABLEDS: 0x0502,
  ENDXFER: 0x0701,
  REGISTER_CALLBACK: 0x0902,
} as const;

export const TWRC = {
  SUCCESS: 0,
  FAILURE: 1,
  CHECKSTATUS: 2,
  CANCEL: 3,
  XFERDONE: 6,
  ENDOFLIST: 7,
  BUSY: 10,
  SCANNERLOCKED: 11,
} as const;

export const TWCC = {
  SUCCESS: 0,
  BUMMER: 1,
  LOWMEMORY: 2,
  NODS: 3,
  MAXCONNECTIONS: 4,
  OPERATIONERROR: 5,
  BADCAP: 6,
  BADPROTOCOL: 9,
  BADVALUE: 10,
  SEQERROR: 11,
  BADDEST: 12,
  CAPUNSUPPORTED: 13,
  CAPBADOPERATION: 14,
  CAPSEQERROR: 15,
  DENIED: 16,
  PAPERJAM: 20,
  PAPERDOUBLEFEED: 21,
  CHECKDEVICEONLINE: 23,
  INTERLOCK: 24,
  DAMAGEDCORNER: 25,
  FOCUSERROR: 26,
  DOCTOOLIGHT: 27,
  DOCTOODARK: 28,
  NOMEDIA: 29,
} as const;

export const CAP = {
  XFERCOUNT: 0x0001,
  ICAP_PIXELTYPE: 0x0101,
  ICAP_UNITS: 0x0102,
  ICAP_XFERMECH: 0x0103,
  FEEDERENABLED: 0x1002,
  FEEDERLOADED: 0x1003,
  AUTOFEED: 0x1007,
  DUPLEXENABLED: 0x1013,
  ICAP_PHYSICALWIDTH: 0x1111,
  ICAP_PHYSICALHEIGHT: 0x1112,
  ICAP_XRESOLUTION: 0x1118,
  ICAP_YRESOLUTION: 0x1119,
  ICAP_PIXELFLAVOR: 0x111f,
  ICAP_SUPPORTEDSIZES: 0x1122,
  ICAP_BITDEPTH: 0x112b,
} as const;

export const TWON = { ARRAY: 3, ENUMERATION: 4, ONEVALUE: 5, RANGE: 6 } as const;

export const TWTY = { INT8: 0, INT16: 1, INT32: 2, UINT8: 3, UINT16: 4, UINT32: 5, BOOL: 6, FIX32: 7 } as const;

/** TW_MEMORY.Flags: the application owns the transfer buffer and hands over a plain pointer. */
export const TWMF = { APPOWNS: 0x0001, POINTER: 0x0008 } as const;

/** MSG_QUERYSUPPORT bits. */
export const TWQC = { GET: 0x0001, SET: 0x0002 } as const;

export const TWPT = { BW: 0, GRAY: 1, RGB: 2 } as const;
/** ICAP_PIXELFLAVOR: CHOCOLATE means a zero sample is black (the default), VANILLA that it is white. */
export const TWPF = { CHOCOLATE: 0, VANILLA: 1 } as const;
export const TWSX = { NATIVE: 0, MEMORY: 2 } as const;
export const TWCP = { NONE: 0 } as const;
export const TWUN = { INCHES: 0, CENTIMETERS: 1, PICAS: 2, POINTS: 3, TWIPS: 4, PIXELS: 5, MILLIMETERS: 6 } as const;

/** ICAP_SUPPORTEDSIZES values for the sizes the port names (core/scanning/port/pageSizes.ts). */
export const TWSS = { NONE: 0, A4: 1, USLETTER: 3, USLEGAL: 4, A5: 5, A3: 11, ISOB5: 29 } as const;

/** twain.h language and country codes for our identity: simplified Chinese, China. */
export const TWLG_CHINESE_SIMPLIFIED = 41;
export const TWCY_CHINA = 86;

/** Looks a value up by name in one of the tables above, for recordings and error details. */
export function nameOf(table: Record<string, number>, value: number): string {
  return Object.entries(table).find(([, v]) => v === value)?.[0] ?? `0x${value.toString(16)}`;
}
