/**
 * DSM_Entry as the adapter sees it: the TWAIN triplet (DG, DAT, MSG) with pData as a plain
 * object that the call reads and fills in, and the TW_UINT16 return code. The koffi binding
 * (dsmLibrary.ts) is the one implementation that moves these objects in and out of TWAIN's
 * structures and memory handles; tests replay recorded sessions through the same type.
 */
export interface Identity {
  /** Assigned by the DSM (application) or the DSM's list (sources); 0 before. */
  Id: number;
  Version: { MajorNum: number; MinorNum: number; Language: number; Country: number; Info: string };
  ProtocolMajor: number;
  ProtocolMinor: number;
  SupportedGroups: number;
  Manufacturer: string;
  ProductFamily: string;
  ProductName: string;
}

/**
 * A capability's container with its items as numbers: TW_FIX32 items are decoded to their
 * value (300.5), TW_BOOL to 0/1, TWTY_INT16 -1 stays -1. Enumeration indexes point into values.
 */
export type Container =
  | { type: 'one'; itemType: number; value: number }
  | { type: 'enum'; itemType: number; values: number[]; current: number; default: number }
  | { type: 'range'; itemType: number; min: number; max: number; step: number; default: number; current: number }
  | { type: 'array'; itemType: number; values: number[] };

/** DAT_PARENT: the parent window; null for a windowless host, which hears the source through DAT_CALLBACK2. */
export interface ParentData {
  parent: null;
}
/** DAT_ENTRYPOINT: the binding keeps the DSM's memory functions; nothing comes back to the caller. */
export type EntryPointData = Record<string, never>;
export interface CapabilityData {
  cap: number;
  container?: Container;
}
export interface UserInterfaceData {
  showUI: boolean;
  modalUI: boolean;
}
export interface StatusData {
  conditionCode: number;
}
export interface PendingXfersData {
  /** -1: the source does not know how many (a feeder until it runs empty). */
  count: number;
}
export interface SetupMemXferData {
  minBufSize: number;
  maxBufSize: number;
  preferred: number;
}
export interface ImageInfoData {
  xResolution: number;
  yResolution: number;
  width: number;
  /** -1 when the source learns the length only as it scans (feeder length detection). */
  length: number;
  samplesPerPixel: number;
  bitsPerPixel: number;
  planar: boolean;
  pixelType: number;
  compression: number;
}
/** DAT_IMAGEMEMXFER: the caller says how large a buffer to lend; one strip comes back. */
export interface ImageMemXferData {
  bufferSize: number;
  compression: number;
  bytesPerRow: number;
  columns: number;
  rows: number;
  xOffset: number;
  yOffset: number;
  bytesWritten: number;
  /** The bytes the source wrote, valid until the next call (the binding lends the same buffer again). */
  data: Buffer;
}
/** DAT_IMAGENATIVEXFER: the whole image as a Windows DIB (BITMAPINFOHEADER, palette, rows). */
export interface ImageNativeXferData {
  dib: Buffer | null;
}
/** DAT_CALLBACK2: called with MSG_XFERREADY, MSG_CLOSEDSREQ… Must not call DSM_Entry itself (the spec forbids it). */
export interface Callback2Data {
  onMessage: (msg: number) => void;
}

export type TwainData =
  | ParentData
  | EntryPointData
  | Identity
  | CapabilityData
  | UserInterfaceData
  | StatusData
  | PendingXfersData
  | SetupMemXferData
  | ImageInfoData
  | ImageMemXferData
  | ImageNativeXferData
  | Callback2Data;

/** `dest` is null for triplets the DSM answers itself (DAT_PARENT, DAT_IDENTITY lists, its own status). */
export type DsmEntry = (origin: Identity, dest: Identity | null, dg: number, dat: number, msg: number, data: TwainData) => number;

export function blankIdentity(): Identity {
  return {
    Id: 0,
    Version: { MajorNum: 0, MinorNum: 0, Language: 0, Country: 0, Info: '' },
    ProtocolMajor: 0,
    ProtocolMinor: 0,
    SupportedGroups: 0,
    Manufacturer: '',
    ProductFamily: '',
    ProductName: '',
  };
}
