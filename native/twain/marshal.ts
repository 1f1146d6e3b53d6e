import koffi from 'koffi';
import { DAT, MSG, TWMF, TWRC } from './constants.js';
import { CONTAINER_HEADER, conTypeOf, containerSize, decodeContainer, encodeContainer, fromFix32 } from './containers.js';
import type { Callback2Data, CapabilityData, DsmEntry, Identity, ImageInfoData, ImageMemXferData, ImageNativeXferData, PendingXfersData, SetupMemXferData, StatusData, TwainData, UserInterfaceData } from './dsmEntry.js';
import { decodeIdentity, encodeIdentity } from './identityBytes.js';
import * as tw from './structs.js';

/** DSM_Entry with its arguments as memory: what koffi calls in TWAINDSM.dll, or a test stands in for. */
export type RawDsmEntry = (pOrigin: Buffer, pDest: Buffer | null, dg: number, dat: number, msg: number, pData: Buffer | null) => number;

/** The DSM's memory functions (DAT_ENTRYPOINT): containers and native images travel in its handles. */
interface DsmMemory {
  alloc(size: number): unknown;
  free(handle: unknown): void;
  lock(handle: unknown): unknown;
  unlock(handle: unknown): void;
}

const PTR = koffi.sizeof('void *');
const DONTCARE16 = 0xffff;
const DONTCARE32 = 0xffffffff;
const BITMAPINFOHEADER = 40;

/** A copy of native memory: the handle it came from is freed right after. */
function bytesAt(pointer: unknown, length: number): Buffer {
  return Buffer.from(new Uint8Array(koffi.view(pointer, length)));
}

/** Locks a handle, hands its memory to `use`, unlocks. */
function withLocked<T>(memory: DsmMemory, handle: unknown, use: (pointer: unknown) => T): T {
  const pointer = memory.lock(handle);
  if (!pointer) throw new Error('TWAIN: DSM_MemLock returned NULL');
  try {
    return use(pointer);
  } finally {
    memory.unlock(handle);
  }
}

/** A DIB's length from its header: BITMAPINFOHEADER, colour table, rows padded to 4 bytes. */
function dibLength(header: Buffer): number {
  const [size, width, height, bitCount, sizeImage, clrUsed] = [header.readUInt32LE(0), header.readInt32LE(4), header.readInt32LE(8), header.readUInt16LE(14), header.readUInt32LE(20), header.readUInt32LE(32)];
  const colours = clrUsed || (bitCount <= 8 ? 1 << bitCount : 0);
  const rows = Math.ceil((width * bitCount) / 32) * 4 * Math.abs(height);
  return size + colours * 4 + (sizeImage || rows);
}

/**
 * Turns the adapter's DsmEntry calls into DSM_Entry calls on TWAIN's structures. Everything here
 * runs on Linux against a stand-in RawDsmEntry (tests/unit/twain/marshal.test.ts); only the
 * function it finally calls is TWAINDSM.dll's. `callconv` is __stdcall for 32-bit Windows.
 */
export function marshalled(raw: RawDsmEntry, callconv = ''): DsmEntry {
  const protos = {
    callback: koffi.proto(`uint16 ${callconv} (void *pOrigin, void *pDest, uint32 DG, uint16 DAT, uint16 MSG, void *pData)`),
    alloc: koffi.proto(`void * ${callconv} (uint32 size)`),
    handle: koffi.proto(`void ${callconv} (void *handle)`),
    lock: koffi.proto(`void * ${callconv} (void *handle)`),
  };
  /** Per application identity (one per open DSM session): a listing may run beside a scan. */
  interface Session {
    memory: DsmMemory | null;
    callbacks: unknown[];
    strip: Buffer | null;
  }
  const sessions = new WeakMap<Identity, Session>();
  let st: Session = { memory: null, callbacks: [], strip: null };

  const needMemory = (): DsmMemory => {
    if (!st.memory) throw new Error('TWAIN: DAT_ENTRYPOINT was not read after MSG_OPENDSM');
    return st.memory;
  };

  function entryPoint(buf: Buffer): void {
    const ep = koffi.decode(buf, tw.TW_ENTRYPOINT) as Record<string, unknown>;
    const [alloc, free, lock, unlock] = [ep.DSM_MemAllocate, ep.DSM_MemFree, ep.DSM_MemLock, ep.DSM_MemUnlock].map((p) => {
      if (!p) throw new Error('TWAIN: DAT_ENTRYPOINT without memory functions');
      return p;
    });
    st.memory = {
      alloc: (size) => koffi.call(alloc, protos.alloc, size),
      free: (h) => koffi.call(free, protos.handle, h),
      lock: (h) => koffi.call(lock, protos.lock, h),
      unlock: (h) => koffi.call(unlock, protos.handle, h),
    };
  }

  /** One call for a structure pData: encode, call, decode into the same object. */
  function viaStruct<T>(type: unknown, value: unknown, call: (p: Buffer) => number, read: (decoded: T) => void): number {
    const buf = Buffer.alloc(koffi.sizeof(type as never));
    if (value) koffi.encode(buf, type as never, value);
    const rc = call(buf);
    read(koffi.decode(buf, type as never) as T);
    return rc;
  }

  function capability(data: CapabilityData, msg: number, call: (p: Buffer) => number): number {
    const mem = needMemory();
    const buf = Buffer.alloc(koffi.sizeof(tw.TW_CAPABILITY));
    if (msg === MSG.SET) {
      if (!data.container) throw new Error('TWAIN: MSG_SET needs a container');
      const bytes = encodeContainer(data.container);
      const handle = mem.alloc(bytes.length);
      if (!handle) throw new Error('TWAIN: DSM_MemAllocate returned NULL');
      try {
        withLocked(mem, handle, (p) => new Uint8Array(koffi.view(p, bytes.length)).set(bytes));
        koffi.encode(buf, tw.TW_CAPABILITY, { Cap: data.cap, ConType: conTypeOf(data.container), hContainer: handle });
        return call(buf);
      } finally {
        mem.free(handle);
      }
    }
    koffi.encode(buf, tw.TW_CAPABILITY, { Cap: data.cap, ConType: DONTCARE16, hContainer: null });
    const rc = call(buf);
    const got = koffi.decode(buf, tw.TW_CAPABILITY) as { ConType: number; hContainer: unknown };
    if (!got.hContainer) return rc;
    // The source allocated the container; the application frees it, whatever the return code.
    try {
      if (rc === TWRC.SUCCESS) {
        data.container = withLocked(mem, got.hContainer, (p) => decodeContainer(got.ConType, bytesAt(p, containerSize(got.ConType, bytesAt(p, CONTAINER_HEADER)))));
      }
    } finally {
      mem.free(got.hContainer);
    }
    return rc;
  }

  function memXfer(data: ImageMemXferData, call: (p: Buffer) => number): number {
    if (!st.strip || st.strip.length < data.bufferSize) st.strip = Buffer.alloc(data.bufferSize);
    const strip = st.strip;
    const Memory = { Flags: TWMF.APPOWNS | TWMF.POINTER, Length: data.bufferSize, TheMem: koffi.address(strip) };
    const blank = { Compression: DONTCARE16, BytesPerRow: DONTCARE32, Columns: DONTCARE32, Rows: DONTCARE32, XOffset: DONTCARE32, YOffset: DONTCARE32, BytesWritten: DONTCARE32, Memory };
    return viaStruct<Record<string, number>>(tw.TW_IMAGEMEMXFER, blank, call, (x) => {
      const written = x.BytesWritten === DONTCARE32 ? 0 : Math.min(x.BytesWritten, data.bufferSize);
      Object.assign(data, {
        compression: x.Compression,
        bytesPerRow: x.BytesPerRow,
        columns: x.Columns,
        rows: x.Rows,
        xOffset: x.XOffset,
        yOffset: x.YOffset,
        bytesWritten: written,
        data: strip.subarray(0, written),
      });
    });
  }

  function nativeXfer(data: ImageNativeXferData, call: (p: Buffer) => number): number {
    const buf = Buffer.alloc(PTR);
    const rc = call(buf);
    const handle = koffi.decode(buf, 'void *');
    data.dib = null;
    if (!handle) return rc;
    const mem = needMemory();
    try {
      if (rc === TWRC.XFERDONE) data.dib = withLocked(mem, handle, (p) => bytesAt(p, dibLength(bytesAt(p, BITMAPINFOHEADER))));
    } finally {
      mem.free(handle);
    }
    return rc;
  }

  function callback(data: Callback2Data, call: (p: Buffer) => number): number {
    const proc = koffi.register((_o: unknown, _d: unknown, _dg: number, _dat: number, msg: number) => {
      data.onMessage(msg);
      return TWRC.SUCCESS;
    }, koffi.pointer(protos.callback));
    st.callbacks.push(proc);
    return viaStruct(tw.TW_CALLBACK2, { CallBackProc: proc, RefCon: 0, Message: 0 }, call, () => {});
  }

  function release(origin: Identity): void {
    for (const proc of st.callbacks) koffi.unregister(proc as bigint);
    sessions.delete(origin);
  }

  return (origin, dest, dg, dat, msg, data: TwainData) => {
    st = sessions.get(origin) ?? { memory: null, callbacks: [], strip: null };
    sessions.set(origin, st);
    const pOrigin = encodeIdentity(origin);
    const pDest = dest ? encodeIdentity(dest) : null;
    const call = (pData: Buffer | null) => raw(pOrigin, pDest, dg, dat, msg, pData);
    const rc = dispatch(dat, msg, data, call);
    // MSG_OPENDSM assigns the application its Id and adds DF_DSM2 to its SupportedGroups.
    const back = decodeIdentity(pOrigin);
    origin.Id = back.Id;
    origin.SupportedGroups = back.SupportedGroups;
    if (dat === DAT.PARENT && msg === MSG.CLOSEDSM && rc === TWRC.SUCCESS) release(origin);
    return rc;
  };

  function dispatch(dat: number, msg: number, data: TwainData, call: (p: Buffer | null) => number): number {
    switch (dat) {
      case DAT.PARENT:
        // pData points at the parent HWND; a windowless host passes a NULL one.
        return call(Buffer.alloc(PTR));
      case DAT.ENTRYPOINT: {
        const buf = Buffer.alloc(koffi.sizeof(tw.TW_ENTRYPOINT));
        buf.writeUInt32LE(buf.length, 0);
        const rc = call(buf);
        if (rc === TWRC.SUCCESS) entryPoint(buf);
        return rc;
      }
      case DAT.IDENTITY: {
        const id = data as Identity;
        const buf = encodeIdentity(id);
        const rc = call(buf);
        decodeIdentity(buf, id);
        return rc;
      }
      case DAT.CAPABILITY:
        return capability(data as CapabilityData, msg, call);
      case DAT.USERINTERFACE: {
        const ui = data as UserInterfaceData;
        return viaStruct(tw.TW_USERINTERFACE, { ShowUI: ui.showUI ? 1 : 0, ModalUI: ui.modalUI ? 1 : 0, hParent: null }, call, () => {});
      }
      case DAT.STATUS:
        return viaStruct<{ ConditionCode: number }>(tw.TW_STATUS, null, call, (s) => ((data as StatusData).conditionCode = s.ConditionCode));
      case DAT.PENDINGXFERS:
        return viaStruct<{ Count: number }>(tw.TW_PENDINGXFERS, null, call, (p) => ((data as PendingXfersData).count = p.Count === 0xffff ? -1 : p.Count));
      case DAT.SETUPMEMXFER:
        return viaStruct<{ MinBufSize: number; MaxBufSize: number; Preferred: number }>(tw.TW_SETUPMEMXFER, null, call, (s) =>
          Object.assign(data as SetupMemXferData, { minBufSize: s.MinBufSize, maxBufSize: s.MaxBufSize, preferred: s.Preferred }),
        );
      case DAT.IMAGEINFO:
        return viaStruct<RawImageInfo>(tw.TW_IMAGEINFO, null, call, (i) => Object.assign(data as ImageInfoData, imageInfo(i)));
      case DAT.IMAGEMEMXFER:
        return memXfer(data as ImageMemXferData, call);
      case DAT.IMAGENATIVEXFER:
        return nativeXfer(data as ImageNativeXferData, call);
      case DAT.CALLBACK2:
        return callback(data as Callback2Data, call);
      default:
        throw new Error(`TWAIN: DAT 0x${dat.toString(16)} is not marshalled`);
    }
  }
}

interface RawImageInfo {
  XResolution: { Whole: number; Frac: number };
  YResolution: { Whole: number; Frac: number };
  ImageWidth: number;
  ImageLength: number;
  SamplesPerPixel: number;
  BitsPerPixel: number;
  Planar: number;
  PixelType: number;
  Compression: number;
}

function imageInfo(i: RawImageInfo): ImageInfoData {
  return {
    xResolution: fromFix32(i.XResolution),
    yResolution: fromFix32(i.YResolution),
    width: i.ImageWidth,
    length: i.ImageLength,
    samplesPerPixel: i.SamplesPerPixel,
    bitsPerPixel: i.BitsPerPixel,
    planar: i.Planar !== 0,
    pixelType: i.PixelType,
    compression: i.Compression,
  };
}
