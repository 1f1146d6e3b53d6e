/** The strips of a CCITT Group 4 TIFF, located without decoding, so they can go into a PDF byte for byte. */
export interface G4Tiff {
  width: number;
  height: number;
  rowsPerStrip: number;
  /** TIFF PhotometricInterpretation 1: the coded "white" runs are the 0-bits that mean black. */
  blackIsZero: boolean;
  strips: Buffer[];
}

const TAG = { width: 256, height: 257, compression: 259, photometric: 262, fillOrder: 266, stripOffsets: 273, rowsPerStrip: 278, stripByteCounts: 279 } as const;
const TYPE_SIZE: Record<number, number> = { 3: 2, 4: 4 };

export function isTiff(bytes: Buffer): boolean {
  const magic = bytes.subarray(0, 4).toString('latin1');
  return magic === 'II*\0' || magic === 'MM\0*';
}

/** Reads the first IFD; returns null when the file is not a single-image, MSB-first G4 TIFF. */
export function readG4Tiff(bytes: Buffer): G4Tiff | null {
  if (!isTiff(bytes)) return null;
  const le = bytes[0] === 0x49;
  const u16 = (o: number) => (le ? bytes.readUInt16LE(o) : bytes.readUInt16BE(o));
  const u32 = (o: number) => (le ? bytes.readUInt32LE(o) : bytes.readUInt32BE(o));
  const ifd = u32(4);
  const count = u16(ifd);
  const values = new Map<number, number[]>();
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    const tag = u16(entry);
    const type = u16(entry + 2);
    const n = u32(entry + 4);
    const size = TYPE_SIZE[type];
    if (!size) continue;
    const at = n * size <= 4 ? entry + 8 : u32(entry + 8);
    values.set(tag, Array.from({ length: n }, (_, k) => (size === 2 ? u16(at + k * 2) : u32(at + k * 4))));
  }
  const one = (tag: number) => values.get(tag)?.[0];
  if (one(TAG.compression) !== 4 || (one(TAG.fillOrder) ?? 1) !== 1) return null;
  const offsets = values.get(TAG.stripOffsets);
  const lengths = values.get(TAG.stripByteCounts);
  const width = one(TAG.width);
  const height = one(TAG.height);
  if (!offsets || !lengths || offsets.length !== lengths.length || !width || !height) return null;
  if (offsets.some((o, i) => o + lengths[i] > bytes.length)) return null;
  return {
    width,
    height,
    rowsPerStrip: Math.min(one(TAG.rowsPerStrip) ?? height, height),
    blackIsZero: one(TAG.photometric) === 1,
    strips: offsets.map((o, i) => bytes.subarray(o, o + lengths[i])),
  };
}
