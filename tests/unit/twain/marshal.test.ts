import koffi from 'koffi';
import { afterAll, describe, expect, it } from 'vitest';
import { CAP, DAT, DF, DG, MSG, TWMF, TWON, TWRC, TWTY } from '../../../native/twain/constants.js';
import { decodeContainer, encodeContainer } from '../../../native/twain/containers.js';
import { blankIdentity, type CapabilityData, type Identity, type ImageInfoData, type ImageMemXferData, type ImageNativeXferData, type PendingXfersData, type StatusData } from '../../../native/twain/dsmEntry.js';
import { marshalled, type RawDsmEntry } from '../../../native/twain/marshal.js';
import * as tw from '../../../native/twain/structs.js';

/**
 * The koffi side of the binding on Linux: the adapter's calls become TWAIN structures in memory,
 * handed to a stand-in for DSM_Entry written here the way a DSM and source fill them in. The
 * memory functions are real native function pointers (koffi callbacks) reached through
 * DAT_ENTRYPOINT, as TWAINDSM.dll hands them out. Only the final call into the DLL is not this.
 */
const live = new Map<bigint, number>();
const memFns = {
  alloc: koffi.register((size: number) => {
    const p = koffi.alloc('uint8', size) as bigint;
    live.set(p, size);
    return p;
  }, koffi.pointer(koffi.proto('void * (uint32 size)'))),
  free: koffi.register((h: bigint) => {
    live.delete(h);
    koffi.free(h);
  }, koffi.pointer(koffi.proto('void (void *h)'))),
  lock: koffi.register((h: bigint) => h, koffi.pointer(koffi.proto('void * (void *h)'))),
  unlock: koffi.register(() => {}, koffi.pointer(koffi.proto('void (void *h)'))),
};
afterAll(() => Object.values(memFns).forEach((f) => koffi.unregister(f)));

const Callback = koffi.proto('uint16 (void *pOrigin, void *pDest, uint32 DG, uint16 DAT, uint16 MSG, void *pData)');
// "扫描仪 ADF" in GB18030, as a Chinese Windows source writes its name.
const gbkName = Buffer.from([0xc9, 0xa8, 0xc3, 0xe8, 0xd2, 0xc7, 0x20, 0x41, 0x44, 0x46]);

function block(bytes: Buffer): bigint {
  const h = koffi.call(memFns.alloc, koffi.proto('void * (uint32 size)'), bytes.length) as bigint;
  new Uint8Array(koffi.view(h, bytes.length)).set(bytes);
  return h;
}

/** What a DSM and source would do with each structure; records what the application sent. */
const seen: Record<string, unknown> = {};
const fake: RawDsmEntry = (pOrigin, pDest, dg, dat, msg, pData) => {
  const data = pData!;
  switch (dat) {
    case DAT.PARENT:
      if (msg === MSG.OPENDSM) {
        seen.app = koffi.decode(pOrigin, tw.TW_IDENTITY);
        pOrigin.writeUInt32LE(7, 0);
        pOrigin.writeUInt32LE(pOrigin.readUInt32LE(koffi.offsetof(tw.TW_IDENTITY, 'SupportedGroups')) | DF.DSM2, koffi.offsetof(tw.TW_IDENTITY, 'SupportedGroups'));
      }
      return TWRC.SUCCESS;
    case DAT.ENTRYPOINT:
      seen.entrySize = data.readUInt32LE(0);
      koffi.encode(data, tw.TW_ENTRYPOINT, { Size: data.length, DSM_Entry: null, DSM_MemAllocate: memFns.alloc, DSM_MemFree: memFns.free, DSM_MemLock: memFns.lock, DSM_MemUnlock: memFns.unlock });
      return TWRC.SUCCESS;
    case DAT.IDENTITY: {
      const name = Buffer.from((koffi.decode(data, tw.TW_IDENTITY) as { ProductName: Uint8Array }).ProductName);
      if (msg === MSG.OPENDS) {
        seen.openedName = name;
        return TWRC.SUCCESS;
      }
      const ProductName = new Uint8Array(34);
      ProductName.set(gbkName);
      koffi.encode(data, tw.TW_IDENTITY, { ...(koffi.decode(data, tw.TW_IDENTITY) as object), Id: 3, SupportedGroups: DG.CONTROL | DG.IMAGE | DF.DS2, ProductName });
      return TWRC.SUCCESS;
    }
    case DAT.CAPABILITY: {
      const cap = koffi.decode(data, tw.TW_CAPABILITY) as { Cap: number; ConType: number; hContainer: bigint };
      if (msg === MSG.SET) {
        const size = live.get(cap.hContainer)!;
        seen.set = decodeContainer(cap.ConType, Buffer.from(new Uint8Array(koffi.view(cap.hContainer, size))));
        return TWRC.SUCCESS;
      }
      seen.getConType = cap.ConType;
      const answer = encodeContainer({ type: 'enum', itemType: TWTY.FIX32, values: [100, 200.5, 300], current: 1, default: 0 });
      koffi.encode(data, tw.TW_CAPABILITY, { Cap: cap.Cap, ConType: TWON.ENUMERATION, hContainer: block(answer) });
      return TWRC.SUCCESS;
    }
    case DAT.CALLBACK2: {
      const cb = koffi.decode(data, tw.TW_CALLBACK2) as { CallBackProc: bigint };
      seen.callbackAnswer = koffi.call(cb.CallBackProc, Callback, null, null, DG.CONTROL, 0, MSG.XFERREADY, null);
      return TWRC.SUCCESS;
    }
    case DAT.STATUS:
      koffi.encode(data, tw.TW_STATUS, { ConditionCode: 20, Data: 0 });
      return TWRC.SUCCESS;
    case DAT.PENDINGXFERS:
      koffi.encode(data, tw.TW_PENDINGXFERS, { Count: 0xffff, EOJ: 0 });
      return TWRC.SUCCESS;
    case DAT.IMAGEINFO:
      koffi.encode(data, tw.TW_IMAGEINFO, {
        XResolution: { Whole: 300, Frac: 32768 },
        YResolution: { Whole: 300, Frac: 0 },
        ImageWidth: 2480,
        ImageLength: -1,
        SamplesPerPixel: 3,
        BitsPerSample: [8, 8, 8, 0, 0, 0, 0, 0],
        BitsPerPixel: 24,
        Planar: 0,
        PixelType: 2,
        Compression: 0,
      });
      return TWRC.SUCCESS;
    case DAT.IMAGEMEMXFER: {
      const x = koffi.decode(data, tw.TW_IMAGEMEMXFER) as { Memory: { Flags: number; Length: number; TheMem: bigint } };
      seen.memory = { Flags: x.Memory.Flags, Length: x.Memory.Length };
      new Uint8Array(koffi.view(x.Memory.TheMem, 6)).set([1, 2, 3, 4, 5, 6]);
      koffi.encode(data, tw.TW_IMAGEMEMXFER, { Compression: 0, BytesPerRow: 3, Columns: 1, Rows: 2, XOffset: 0, YOffset: 40, BytesWritten: 6, Memory: x.Memory });
      return TWRC.SUCCESS;
    }
    case DAT.IMAGENATIVEXFER: {
      const dib = Buffer.alloc(40 + 8 + 4 * 2);
      dib.writeUInt32LE(40, 0);
      dib.writeInt32LE(3, 4);
      dib.writeInt32LE(2, 8);
      dib.writeUInt16LE(1, 14);
      dib.fill(0xab, 48);
      koffi.encode(data, 'void *', block(dib));
      return TWRC.XFERDONE;
    }
    default:
      return TWRC.FAILURE;
  }
};

describe('the koffi binding marshals TWAIN structures', () => {
  const entry = marshalled(fake);
  const app: Identity = { ...blankIdentity(), ProtocolMajor: 2, ProtocolMinor: 4, SupportedGroups: DG.CONTROL | DG.IMAGE | DF.APP2, Manufacturer: 'CourtDesk', ProductName: 'CourtDesk' };
  const source = blankIdentity();

  it('opens the DSM: the application gets its Id and DF_DSM2, and the memory functions come from DAT_ENTRYPOINT', () => {
    expect(entry(app, null, DG.CONTROL, DAT.PARENT, MSG.OPENDSM, { parent: null })).toBe(TWRC.SUCCESS);
    expect(Buffer.from((seen.app as { ProductName: Uint8Array }).ProductName).toString('latin1')).toMatch(/^CourtDesk\0/);
    expect(app.Id).toBe(7);
    expect(app.SupportedGroups & DF.DSM2).toBe(DF.DSM2);
    expect(entry(app, null, DG.CONTROL, DAT.ENTRYPOINT, MSG.GET, {})).toBe(TWRC.SUCCESS);
    expect(seen.entrySize).toBe(koffi.sizeof(tw.TW_ENTRYPOINT));
  });

  it('reads a GBK source name and sends the identity back byte for byte', () => {
    entry(app, null, DG.CONTROL, DAT.IDENTITY, MSG.GETFIRST, source);
    expect(source.ProductName).toBe('扫描仪 ADF');
    expect(source.Id).toBe(3);
    entry(app, null, DG.CONTROL, DAT.IDENTITY, MSG.OPENDS, source);
    expect((seen.openedName as Buffer).subarray(0, gbkName.length).equals(gbkName)).toBe(true);
  });

  it('decodes a container the source allocated and frees it; allocates, fills and frees one for MSG_SET', () => {
    const get: CapabilityData = { cap: CAP.ICAP_XRESOLUTION };
    expect(entry(app, source, DG.CONTROL, DAT.CAPABILITY, MSG.GET, get)).toBe(TWRC.SUCCESS);
    expect(seen.getConType).toBe(0xffff);
    expect(get.container).toEqual({ type: 'enum', itemType: TWTY.FIX32, values: [100, 200.5, 300], current: 1, default: 0 });
    entry(app, source, DG.CONTROL, DAT.CAPABILITY, MSG.SET, { cap: CAP.ICAP_XRESOLUTION, container: { type: 'one', itemType: TWTY.FIX32, value: 300 } });
    expect(seen.set).toEqual({ type: 'one', itemType: TWTY.FIX32, value: 300 });
    expect(live.size).toBe(0);
  });

  it('registers a callback the source can call with MSG_XFERREADY', () => {
    const heard: number[] = [];
    entry(app, source, DG.CONTROL, DAT.CALLBACK2, MSG.REGISTER_CALLBACK, { onMessage: (m) => heard.push(m) });
    expect(heard).toEqual([MSG.XFERREADY]);
    expect(seen.callbackAnswer).toBe(TWRC.SUCCESS);
  });

  it('reads status, pending count (0xFFFF is -1) and image information with TW_FIX32 resolutions', () => {
    const status: StatusData = { conditionCode: 0 };
    entry(app, source, DG.CONTROL, DAT.STATUS, MSG.GET, status);
    expect(status.conditionCode).toBe(20);
    const pending: PendingXfersData = { count: 0 };
    entry(app, source, DG.CONTROL, DAT.PENDINGXFERS, MSG.ENDXFER, pending);
    expect(pending.count).toBe(-1);
    const info = {} as ImageInfoData;
    entry(app, source, DG.IMAGE, DAT.IMAGEINFO, MSG.GET, info);
    expect(info).toEqual({ xResolution: 300.5, yResolution: 300, width: 2480, length: -1, samplesPerPixel: 3, bitsPerPixel: 24, planar: false, pixelType: 2, compression: 0 });
  });

  it('lends an application-owned buffer for a strip and returns what the source wrote', () => {
    const strip = { bufferSize: 4096 } as ImageMemXferData;
    entry(app, source, DG.IMAGE, DAT.IMAGEMEMXFER, MSG.GET, strip);
    expect(seen.memory).toEqual({ Flags: TWMF.APPOWNS | TWMF.POINTER, Length: 4096 });
    expect(strip).toMatchObject({ bytesPerRow: 3, rows: 2, yOffset: 40, bytesWritten: 6 });
    expect([...strip.data]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('copies a native DIB out of its handle (header, colour table, padded rows) and frees the handle', () => {
    const image: ImageNativeXferData = { dib: null };
    expect(entry(app, source, DG.IMAGE, DAT.IMAGENATIVEXFER, MSG.GET, image)).toBe(TWRC.XFERDONE);
    expect(image.dib).toHaveLength(40 + 8 + 8);
    expect(image.dib!.readInt32LE(4)).toBe(3);
    expect(live.size).toBe(0);
  });
});
