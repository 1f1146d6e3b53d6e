import { huffmanDecoder, LOOKAHEAD, type HuffmanDecoder } from './huffman.js';
import { JpegFormatError, mcuSize, ZIGZAG, type JpegComponent, type JpegImage } from './jpegImage.js';

const damaged = (why: string) => new JpegFormatError(why, false);
const unsupported = (why: string) => new JpegFormatError(why, true);

const isRst = (b: number) => b >= 0xd0 && b <= 0xd7;

/** Entropy-coded bits with byte stuffing removed; past a marker it reads zeros, as decoders do. */
class BitReader {
  private acc = 0;
  private count = 0;
  private atMarker = false;

  constructor(
    private readonly data: Uint8Array,
    public pos: number,
  ) {}

  private fill(): void {
    while (this.count <= 24) {
      let byte = 0;
      if (!this.atMarker && this.pos < this.data.length) {
        const b = this.data[this.pos];
        if (b !== 0xff) {
          byte = b;
          this.pos += 1;
        } else if (this.data[this.pos + 1] === 0x00) {
          byte = 0xff;
          this.pos += 2;
        } else {
          this.atMarker = true;
        }
      }
      this.acc = ((this.acc << 8) | byte) >>> 0;
      this.count += 8;
    }
  }

  peek(n: number): number {
    if (this.count < n) this.fill();
    return (this.acc >>> (this.count - n)) & ((1 << n) - 1);
  }

  skip(n: number): void {
    this.count -= n;
  }

  read(n: number): number {
    const v = this.peek(n);
    this.count -= n;
    return v;
  }

  /** Drops the padding bits and steps over the next RSTn marker. */
  restart(): void {
    this.acc = 0;
    this.count = 0;
    this.atMarker = false;
    const d = this.data;
    while (this.pos + 1 < d.length && !(d[this.pos] === 0xff && isRst(d[this.pos + 1]))) this.pos++;
    if (this.pos + 1 >= d.length) throw damaged('restart marker missing');
    this.pos += 2;
  }

  /** Where the marker after this scan's data starts. */
  end(): number {
    const d = this.data;
    let p = this.pos;
    while (p + 1 < d.length && !(d[p] === 0xff && d[p + 1] !== 0x00 && d[p + 1] !== 0xff && !isRst(d[p + 1]))) p++;
    return p;
  }
}

function decodeSymbol(r: BitReader, d: HuffmanDecoder): number {
  const hit = d.lookup[r.peek(LOOKAHEAD)];
  if (hit !== 0) {
    r.skip(hit >> 8);
    return hit & 0xff;
  }
  for (let len = LOOKAHEAD + 1; len <= 16; len++) {
    const code = r.peek(len);
    if (code <= d.maxCode[len]) {
      r.skip(len);
      return d.symbols[d.offset[len] + code];
    }
  }
  throw damaged('invalid Huffman code');
}

function receiveExtend(r: BitReader, s: number): number {
  if (s === 0) return 0;
  const v = r.read(s);
  return v < 1 << (s - 1) ? v - (1 << s) + 1 : v;
}

interface ScanComponent {
  comp: JpegComponent;
  dc: HuffmanDecoder;
  ac: HuffmanDecoder;
  pred: number;
}

function decodeBlock(r: BitReader, sc: ScanComponent, offset: number): void {
  const out = sc.comp.coefficients;
  sc.pred += receiveExtend(r, decodeSymbol(r, sc.dc));
  out[offset] = sc.pred;
  for (let k = 1; k < 64; ) {
    const rs = decodeSymbol(r, sc.ac);
    const run = rs >> 4;
    const size = rs & 15;
    if (size === 0) {
      if (run !== 15) break;
      k += 16;
      continue;
    }
    k += run;
    if (k > 63) throw damaged('coefficient index out of range');
    out[offset + ZIGZAG[k]] = receiveExtend(r, size);
    k += 1;
  }
}

interface Frame {
  width: number;
  height: number;
  components: JpegComponent[];
  mcusWide: number;
  mcusHigh: number;
  /** Blocks each component's scans actually coded, when a scan held it alone. */
  coded: Map<JpegComponent, { wide: number; high: number }>;
}

function readFrame(seg: Uint8Array): Frame {
  if (seg[0] !== 8) throw unsupported(`${seg[0]}-bit samples`);
  const height = (seg[1] << 8) | seg[2];
  const width = (seg[3] << 8) | seg[4];
  const n = seg[5];
  if (width === 0 || height === 0) throw unsupported('image height given later (DNL)');
  if (n < 1 || n > 4 || seg.length < 6 + 3 * n) throw damaged('bad frame header');
  const specs = Array.from({ length: n }, (_, i) => ({ id: seg[6 + 3 * i], h: seg[7 + 3 * i] >> 4, v: seg[7 + 3 * i] & 15, tq: seg[8 + 3 * i] }));
  if (specs.some((c) => c.h < 1 || c.h > 4 || c.v < 1 || c.v > 4 || c.tq > 3)) throw damaged('bad sampling factors');
  // A lone component is coded block by block whatever factors it names.
  const sampling = n === 1 ? [{ ...specs[0], h: 1, v: 1 }] : specs;
  const mcu = mcuSize(sampling);
  const mcusWide = Math.ceil(width / mcu.width);
  const mcusHigh = Math.ceil(height / mcu.height);
  const components = sampling.map((c): JpegComponent => {
    const blocksWide = mcusWide * c.h;
    const blocksHigh = mcusHigh * c.v;
    return { ...c, blocksWide, blocksHigh, coefficients: new Int16Array(blocksWide * blocksHigh * 64) };
  });
  return { width, height, components, mcusWide, mcusHigh, coded: new Map() };
}

function decodeScan(bytes: Uint8Array, seg: Uint8Array, after: number, frame: Frame, tables: { dc: (HuffmanDecoder | null)[]; ac: (HuffmanDecoder | null)[] }, restartInterval: number): number {
  const ns = seg[0];
  if (ns < 1 || ns > 4 || seg.length < 4 + 2 * ns) throw damaged('bad scan header');
  const scan: ScanComponent[] = Array.from({ length: ns }, (_, i) => {
    const comp = frame.components.find((c) => c.id === seg[1 + 2 * i]);
    const dc = tables.dc[seg[2 + 2 * i] >> 4];
    const ac = tables.ac[seg[2 + 2 * i] & 15];
    if (!comp || !dc || !ac) throw damaged('scan names a missing component or table');
    return { comp, dc, ac, pred: 0 };
  });
  const [ss, se, a] = [seg[1 + 2 * ns], seg[2 + 2 * ns], seg[3 + 2 * ns]];
  if (ss !== 0 || se !== 63 || a !== 0) throw unsupported('progressive scan');
  const r = new BitReader(bytes, after);
  let units = 0;
  const boundary = () => {
    if (restartInterval > 0 && units > 0 && units % restartInterval === 0) {
      r.restart();
      for (const sc of scan) sc.pred = 0;
    }
    units += 1;
  };
  if (ns === 1) {
    const sc = scan[0];
    const { width, height } = frame;
    const hMax = Math.max(...frame.components.map((c) => c.h));
    const vMax = Math.max(...frame.components.map((c) => c.v));
    const wide = Math.ceil(Math.ceil((width * sc.comp.h) / hMax) / 8);
    const high = Math.ceil(Math.ceil((height * sc.comp.v) / vMax) / 8);
    for (let by = 0; by < high; by++) {
      for (let bx = 0; bx < wide; bx++) {
        boundary();
        decodeBlock(r, sc, (by * sc.comp.blocksWide + bx) * 64);
      }
    }
    frame.coded.set(sc.comp, { wide, high });
  } else {
    for (let my = 0; my < frame.mcusHigh; my++) {
      for (let mx = 0; mx < frame.mcusWide; mx++) {
        boundary();
        for (const sc of scan) {
          const { h, v, blocksWide } = sc.comp;
          for (let y = 0; y < v; y++) for (let x = 0; x < h; x++) decodeBlock(r, sc, ((my * v + y) * blocksWide + mx * h + x) * 64);
        }
      }
    }
    for (const sc of scan) frame.coded.set(sc.comp, { wide: sc.comp.blocksWide, high: sc.comp.blocksHigh });
  }
  return r.end();
}

/**
 * Blocks a scan of one component alone left out (MCU padding past its own edge) repeat the last
 * coded block, so once the image is turned and that padding shows, it looks like the edge.
 */
function fillUncoded(frame: Frame): void {
  for (const c of frame.components) {
    const coded = frame.coded.get(c);
    if (!coded) throw damaged(`component ${c.id} has no scan`);
    const block = (x: number, y: number) => (y * c.blocksWide + x) * 64;
    for (let y = 0; y < c.blocksHigh; y++) {
      for (let x = 0; x < c.blocksWide; x++) {
        if (x < coded.wide && y < coded.high) continue;
        const from = block(Math.min(x, coded.wide - 1), Math.min(y, coded.high - 1));
        c.coefficients.copyWithin(block(x, y), from, from + 64);
      }
    }
  }
}

/** Takes a sequential, Huffman-coded 8-bit JPEG apart to its quantised coefficients. */
export function readJpeg(bytes: Uint8Array): JpegImage {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw damaged('not a JPEG file');
  const quantTables: (Uint16Array | null)[] = [null, null, null, null];
  const tables = { dc: [null, null, null, null] as (HuffmanDecoder | null)[], ac: [null, null, null, null] as (HuffmanDecoder | null)[] };
  const segments: Uint8Array[] = [];
  let frame: Frame | null = null;
  let restartInterval = 0;
  let pos = 2;
  for (;;) {
    if (pos >= bytes.length || bytes[pos] !== 0xff) throw damaged('marker expected');
    while (bytes[pos] === 0xff) pos++;
    const marker = bytes[pos++];
    if (marker === 0xd9) break;
    if (isRst(marker) || marker === 0x01) continue;
    if (pos + 2 > bytes.length) throw damaged('truncated segment');
    const length = (bytes[pos] << 8) | bytes[pos + 1];
    const seg = bytes.subarray(pos + 2, pos + length);
    if (length < 2 || seg.length !== length - 2) throw damaged('truncated segment');
    const next = pos + length;
    if ((marker >= 0xe0 && marker <= 0xef) || marker === 0xfe) {
      segments.push(bytes.subarray(pos - 2, next));
    } else if (marker === 0xdb) {
      for (let i = 0; i < seg.length; ) {
        const wide = seg[i] >> 4;
        const id = seg[i] & 15;
        if (id > 3 || wide > 1) throw damaged('bad quantisation table');
        const table = new Uint16Array(64);
        for (let k = 0; k < 64; k++) table[ZIGZAG[k]] = wide ? (seg[i + 1 + 2 * k] << 8) | seg[i + 2 + 2 * k] : seg[i + 1 + k];
        quantTables[id] = table;
        i += 1 + (wide ? 128 : 64);
      }
    } else if (marker === 0xc4) {
      for (let i = 0; i < seg.length; ) {
        const cls = seg[i] >> 4;
        const id = seg[i] & 15;
        const counts = seg.slice(i + 1, i + 17);
        const total = counts.reduce((a, b) => a + b, 0);
        if (cls > 1 || id > 3 || total > 256) throw damaged('bad Huffman table');
        (cls === 0 ? tables.dc : tables.ac)[id] = huffmanDecoder({ counts, symbols: seg.slice(i + 17, i + 17 + total) });
        i += 17 + total;
      }
    } else if (marker === 0xdd) {
      restartInterval = (seg[0] << 8) | seg[1];
    } else if (marker === 0xc0 || marker === 0xc1) {
      frame = readFrame(seg);
    } else if (marker >= 0xc2 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      throw unsupported(marker === 0xc2 ? 'progressive JPEG' : `JPEG process 0x${marker.toString(16)}`);
    } else if (marker === 0xda) {
      if (!frame) throw damaged('scan before frame header');
      pos = decodeScan(bytes, seg, next, frame, tables, restartInterval);
      continue;
    } else if (marker === 0xdc) {
      throw unsupported('image height given later (DNL)');
    }
    pos = next;
  }
  if (!frame) throw damaged('no frame header');
  if (frame.components.some((c) => !quantTables[c.tq])) throw damaged('missing quantisation table');
  fillUncoded(frame);
  return { width: frame.width, height: frame.height, components: frame.components, quantTables, segments };
}
