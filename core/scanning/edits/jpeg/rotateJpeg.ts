import { mcuSize, type JpegComponent, type JpegImage } from './jpegImage.js';
import { readJpeg } from './readJpeg.js';
import { writeJpeg } from './writeJpeg.js';

export type Turn = 90 | 180 | 270;

/**
 * Where each output coefficient (natural order) comes from, and its sign. A quarter turn
 * transposes the block and mirrors one axis; mirroring negates the odd frequencies of that axis.
 */
function coefficientMap(turn: Turn): { from: Uint8Array; sign: Int8Array } {
  const from = new Uint8Array(64);
  const sign = new Int8Array(64);
  for (let v = 0; v < 8; v++) {
    for (let u = 0; u < 8; u++) {
      const i = v * 8 + u;
      from[i] = turn === 180 ? i : u * 8 + v;
      const odd = turn === 90 ? u : turn === 270 ? v : u + v;
      sign[i] = odd % 2 === 1 ? -1 : 1;
    }
  }
  return { from, sign };
}

function turnComponent(c: JpegComponent, turn: Turn): JpegComponent {
  const { from, sign } = coefficientMap(turn);
  const quarter = turn !== 180;
  const wide = quarter ? c.blocksHigh : c.blocksWide;
  const high = quarter ? c.blocksWide : c.blocksHigh;
  const src = c.coefficients;
  const dst = new Int16Array(src.length);
  for (let y = 0; y < high; y++) {
    for (let x = 0; x < wide; x++) {
      // The source block of output block (x, y), by the same turn applied to the block grid.
      const sx = turn === 90 ? y : turn === 270 ? c.blocksWide - 1 - y : c.blocksWide - 1 - x;
      const sy = turn === 90 ? c.blocksHigh - 1 - x : turn === 270 ? x : c.blocksHigh - 1 - y;
      const s = (sy * c.blocksWide + sx) * 64;
      const d = (y * wide + x) * 64;
      for (let i = 0; i < 64; i++) dst[d + i] = sign[i] * src[s + from[i]];
    }
  }
  return { ...c, h: quarter ? c.v : c.h, v: quarter ? c.h : c.v, blocksWide: wide, blocksHigh: high, coefficients: dst };
}

function transpose(table: Uint16Array | null): Uint16Array | null {
  if (!table) return null;
  const out = new Uint16Array(64);
  for (let v = 0; v < 8; v++) for (let u = 0; u < 8; u++) out[v * 8 + u] = table[u * 8 + v];
  return out;
}

const isJfif = (s: Uint8Array) => s[1] === 0xe0 && s.length >= 18 && String.fromCharCode(...s.subarray(4, 9)) === 'JFIF\0';
const isExif = (s: Uint8Array) => s[1] === 0xe1 && s.length >= 10 && String.fromCharCode(...s.subarray(4, 10)) === 'Exif\0\0';

/**
 * Metadata as it applies after the turn: JFIF densities swap on a quarter turn; Exif goes, as its
 * orientation and thumbnail describe the image before the turn.
 */
function turnSegments(segments: readonly Uint8Array[], turn: Turn): Uint8Array[] {
  return segments
    .filter((s) => !isExif(s))
    .map((s) => {
      if (turn === 180 || !isJfif(s)) return s;
      const copy = Uint8Array.from(s);
      copy.set(s.subarray(14, 16), 12);
      copy.set(s.subarray(12, 14), 14);
      return copy;
    });
}

/**
 * Turns a JPEG clockwise without decoding it: the quantised DCT coefficients are moved, transposed
 * and sign-flipped (what jpegtran does), so no pixel is re-compressed and four quarter turns give
 * the original coefficients back. JPEG can only hide padding at the right and bottom edges, so an
 * edge whose partial MCU would end up at the left or top is widened to the whole MCU instead
 * (at most 15 pixels of the scan's own edge): nothing of the page is cut off.
 */
export function rotateJpeg(bytes: Uint8Array, turn: Turn): { bytes: Buffer; width: number; height: number } {
  const img = readJpeg(bytes);
  const mcu = mcuSize(img.components);
  const paddedWidth = Math.ceil(img.width / mcu.width) * mcu.width;
  const paddedHeight = Math.ceil(img.height / mcu.height) * mcu.height;
  const [width, height] =
    turn === 90 ? [paddedHeight, img.width] : turn === 270 ? [img.height, paddedWidth] : [paddedWidth, paddedHeight];
  const turned: JpegImage = {
    width,
    height,
    components: img.components.map((c) => turnComponent(c, turn)),
    quantTables: turn === 180 ? img.quantTables : img.quantTables.map(transpose),
    segments: turnSegments(img.segments, turn),
  };
  return { bytes: writeJpeg(turned), width, height };
}
