import koffi from 'koffi';
import type { Identity } from './dsmEntry.js';
import { TW_IDENTITY } from './structs.js';

/**
 * TW_IDENTITY to and from memory. Names are bytes in the Windows ANSI code page: UTF-8 when they
 * decode as such (ASCII is both), otherwise GB18030 (a superset of GBK, the code page of Chinese
 * Windows). A source identity goes back to the DSM byte for byte as it came (MSG_OPENDS finds
 * the source by it), so its bytes are kept beside the object.
 */
const original = new WeakMap<Identity, Buffer>();
const utf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030');
const STR32 = 34;

function text(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  const used = bytes.subarray(0, end < 0 ? bytes.length : end);
  try {
    return utf8.decode(used);
  } catch {
    return gb18030.decode(used);
  }
}

/** Our own names are ASCII; anything else is replaced rather than sent in the wrong code page. */
function bytes(value: string): Uint8Array {
  const out = new Uint8Array(STR32);
  for (let i = 0; i < Math.min(value.length, STR32 - 1); i++) out[i] = value.charCodeAt(i) < 0x80 ? value.charCodeAt(i) : 0x3f;
  return out;
}

interface Raw {
  Id: number;
  Version: { MajorNum: number; MinorNum: number; Language: number; Country: number; Info: Uint8Array };
  ProtocolMajor: number;
  ProtocolMinor: number;
  SupportedGroups: number;
  Manufacturer: Uint8Array;
  ProductFamily: Uint8Array;
  ProductName: Uint8Array;
}

/** Reads an identity; with `into`, fills that object (the caller's pData) instead of a new one. */
export function decodeIdentity(buf: Buffer, into?: Identity): Identity {
  const r = koffi.decode(buf, TW_IDENTITY) as Raw;
  const id: Identity = Object.assign(into ?? ({} as Identity), {
    Id: r.Id,
    Version: { ...r.Version, Info: text(r.Version.Info) },
    ProtocolMajor: r.ProtocolMajor,
    ProtocolMinor: r.ProtocolMinor,
    SupportedGroups: r.SupportedGroups,
    Manufacturer: text(r.Manufacturer),
    ProductFamily: text(r.ProductFamily),
    ProductName: text(r.ProductName),
  });
  original.set(id, Buffer.from(buf));
  return id;
}

export function encodeIdentity(id: Identity): Buffer {
  const kept = original.get(id);
  if (kept) {
    const buf = Buffer.from(kept);
    buf.writeUInt32LE(id.Id >>> 0, 0);
    return buf;
  }
  const buf = Buffer.alloc(koffi.sizeof(TW_IDENTITY));
  koffi.encode(buf, TW_IDENTITY, {
    ...id,
    Version: { ...id.Version, Info: bytes(id.Version.Info) },
    Manufacturer: bytes(id.Manufacturer),
    ProductFamily: bytes(id.ProductFamily),
    ProductName: bytes(id.ProductName),
  });
  return buf;
}
