import { huffmanEncoder, optimalHuffman, type HuffmanEncoder, type HuffmanSpec } from './huffman.js';
import { ZIGZAG, type JpegImage } from './jpegImage.js';

/** Entropy-coded output with 0xFF bytes stuffed, padded with one-bits at the end. */
class BitWriter {
  private buf = new Uint8Array(1 << 16);
  private len = 0;
  private acc = 0;
  private count = 0;

  private push(byte: number): void {
    if (this.len === this.buf.length) {
      const grown = new Uint8Array(this.buf.length * 2);
      grown.set(this.buf);
      this.buf = grown;
    }
    this.buf[this.len++] = byte;
  }

  write(value: number, size: number): void {
    this.acc = (this.acc << size) | (value & ((1 << size) - 1));
    this.count += size;
    while (this.count >= 8) {
      const byte = (this.acc >>> (this.count - 8)) & 0xff;
      this.push(byte);
      if (byte === 0xff) this.push(0);
      this.count -= 8;
    }
    this.acc &= (1 << this.count) - 1;
  }

  finish(): Uint8Array {
    if (this.count > 0) this.write((1 << (8 - this.count)) - 1, 8 - this.count);
    return this.buf.subarray(0, this.len);
  }
}

/** Bits needed for |v| (the JPEG magnitude category). */
const category = (v: number) => 32 - Math.clz32(v < 0 ? -v : v);

/*
 * The two passes over the blocks share their run-length walk but are written out twice: this is
 * the hot loop (a 300 dpi page has 130 000 blocks), and a callback per symbol doubled its time.
 */

/** Counts the symbols a block codes to (first pass, for the Huffman tables). */
function countBlock(coefficients: Int16Array, at: number, pred: number, dcFreq: Uint32Array, acFreq: Uint32Array): void {
  dcFreq[category(coefficients[at] - pred)]++;
  let run = 0;
  for (let k = 1; k < 64; k++) {
    const c = coefficients[at + ZIGZAG[k]];
    if (c === 0) {
      run++;
      continue;
    }
    for (; run > 15; run -= 16) acFreq[0xf0]++;
    acFreq[(run << 4) | category(c)]++;
    run = 0;
  }
  if (run > 0) acFreq[0x00]++;
}

function writeBlock(coefficients: Int16Array, at: number, pred: number, dc: HuffmanEncoder, ac: HuffmanEncoder, out: BitWriter): void {
  const diff = coefficients[at] - pred;
  const s = category(diff);
  out.write(dc.code[s], dc.size[s]);
  if (s > 0) out.write(diff < 0 ? diff + (1 << s) - 1 : diff, s);
  let run = 0;
  for (let k = 1; k < 64; k++) {
    const c = coefficients[at + ZIGZAG[k]];
    if (c === 0) {
      run++;
      continue;
    }
    for (; run > 15; run -= 16) out.write(ac.code[0xf0], ac.size[0xf0]);
    const size = category(c);
    const symbol = (run << 4) | size;
    out.write(ac.code[symbol], ac.size[symbol]);
    out.write(c < 0 ? c + (1 << size) - 1 : c, size);
    run = 0;
  }
  if (run > 0) out.write(ac.code[0x00], ac.size[0x00]);
}

/** Visits every block in scan order: block by block for one component, MCU by MCU for several. */
function eachBlock(img: JpegImage, visit: (component: number, offset: number) => void): void {
  const comps = img.components;
  if (comps.length === 1) {
    const c = comps[0];
    for (let i = 0; i < c.blocksWide * c.blocksHigh; i++) visit(0, i * 64);
    return;
  }
  const mcusWide = comps[0].blocksWide / comps[0].h;
  const mcusHigh = comps[0].blocksHigh / comps[0].v;
  for (let my = 0; my < mcusHigh; my++) {
    for (let mx = 0; mx < mcusWide; mx++) {
      for (let i = 0; i < comps.length; i++) {
        const c = comps[i];
        for (let y = 0; y < c.v; y++) for (let x = 0; x < c.h; x++) visit(i, ((my * c.v + y) * c.blocksWide + mx * c.h + x) * 64);
      }
    }
  }
}

const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const segment = (marker: number, body: number[] | Uint8Array) => Uint8Array.from([0xff, marker, ...u16(body.length + 2), ...body]);

/**
 * Writes the coefficients as a baseline JPEG: one scan, Huffman tables made for exactly this
 * data (the image's own tables may lack codes a transform needs), the first component on
 * tables 0 and the others on tables 1.
 */
export function writeJpeg(img: JpegImage): Buffer {
  const tableOf = (component: number) => (component === 0 ? 0 : 1);
  const tableCount = img.components.length === 1 ? 1 : 2;
  const dcFreq = Array.from({ length: tableCount }, () => new Uint32Array(256));
  const acFreq = Array.from({ length: tableCount }, () => new Uint32Array(256));
  const preds = new Int32Array(img.components.length);
  eachBlock(img, (ci, at) => {
    const t = tableOf(ci);
    countBlock(img.components[ci].coefficients, at, preds[ci], dcFreq[t], acFreq[t]);
    preds[ci] = img.components[ci].coefficients[at];
  });
  const dcSpecs = dcFreq.map(optimalHuffman);
  const acSpecs = acFreq.map(optimalHuffman);
  const dc: HuffmanEncoder[] = dcSpecs.map(huffmanEncoder);
  const ac: HuffmanEncoder[] = acSpecs.map(huffmanEncoder);

  const out = new BitWriter();
  preds.fill(0);
  eachBlock(img, (ci, at) => {
    const t = tableOf(ci);
    writeBlock(img.components[ci].coefficients, at, preds[ci], dc[t], ac[t], out);
    preds[ci] = img.components[ci].coefficients[at];
  });
  const data = out.finish();

  const usedQuant = [...new Set(img.components.map((c) => c.tq))];
  const dqt = usedQuant.map((id) => {
    const table = img.quantTables[id]!;
    const wide = table.some((q) => q > 255);
    const body = [(wide ? 0x10 : 0) | id];
    for (let k = 0; k < 64; k++) body.push(...(wide ? u16(table[ZIGZAG[k]]) : [table[ZIGZAG[k]]]));
    return segment(0xdb, body);
  });
  const sof = segment(0xc0, [8, ...u16(img.height), ...u16(img.width), img.components.length, ...img.components.flatMap((c) => [c.id, (c.h << 4) | c.v, c.tq])]);
  const dhtBody = (cls: number, id: number, spec: HuffmanSpec) => [(cls << 4) | id, ...spec.counts, ...spec.symbols];
  const dht = segment(0xc4, [...dcSpecs.flatMap((s, id) => dhtBody(0, id, s)), ...acSpecs.flatMap((s, id) => dhtBody(1, id, s))]);
  const sos = segment(0xda, [img.components.length, ...img.components.flatMap((c, i) => [c.id, (tableOf(i) << 4) | tableOf(i)]), 0, 63, 0]);
  return Buffer.concat([Uint8Array.from([0xff, 0xd8]), ...img.segments, ...dqt, sof, dht, sos, data, Uint8Array.from([0xff, 0xd9])]);
}
