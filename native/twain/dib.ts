import { CourtError } from '../../core/contract/index.js';
import type { RawPage } from '../../core/scanning/port/scannerPort.js';

/**
 * A packed Windows DIB (what DAT_IMAGENATIVEXFER hands over: BITMAPINFOHEADER, colour table,
 * rows padded to 4 bytes, bottom-up unless the height is negative) as a RawPage: rows top-down,
 * no padding, RGB order, and for 1-bit images 1 = black whatever the colour table says.
 */
const BI_RGB = 0;

function bad(why: string, details: Record<string, unknown>): CourtError {
  return new CourtError('SCANNER_UNSUPPORTED_SETTING', {
    message: `扫描仪以本机格式送来的图像不受支持：${why}`,
    messageEn: `Unsupported native image from the scanner: ${why}`,
    details,
  });
}

const luminance = (b: number, g: number, r: number) => Math.round(0.299 * r + 0.587 * g + 0.114 * b);

export function dibToRawPage(dib: Buffer, index: number, resolution: number): RawPage {
  const size = dib.readUInt32LE(0);
  const width = dib.readInt32LE(4);
  const signedHeight = dib.readInt32LE(8);
  const bitCount = dib.readUInt16LE(14);
  const compression = dib.readUInt32LE(16);
  const details = { width, height: signedHeight, bitCount, compression };
  if (compression !== BI_RGB) throw bad(`压缩方式 ${compression}`, details);
  if (![1, 8, 24].includes(bitCount)) throw bad(`${bitCount} 位`, details);
  const height = Math.abs(signedHeight);
  const colours = bitCount <= 8 ? dib.readUInt32LE(32) || 1 << bitCount : 0;
  const palette = Array.from({ length: colours }, (_, i) => luminance(dib[size + 4 * i], dib[size + 4 * i + 1], dib[size + 4 * i + 2]));
  const bits = size + colours * 4;
  const stride = Math.ceil((width * bitCount) / 32) * 4;
  const line = Math.ceil((width * bitCount) / 8);
  if (width <= 0 || height === 0 || dib.length < bits + stride * height) throw bad('数据不完整', { ...details, length: dib.length });
  const data = Buffer.alloc(line * height);
  // RawPage wants a set bit black: flip when the colour table makes entry 1 the lighter one (the usual black, white).
  const flip = bitCount === 1 && palette[0] < palette[1];
  for (let y = 0; y < height; y++) {
    const src = bits + stride * (signedHeight > 0 ? height - 1 - y : y);
    const dst = line * y;
    if (bitCount === 24) {
      for (let x = 0; x < width; x++) {
        data[dst + 3 * x] = dib[src + 3 * x + 2];
        data[dst + 3 * x + 1] = dib[src + 3 * x + 1];
        data[dst + 3 * x + 2] = dib[src + 3 * x];
      }
    } else if (bitCount === 8) {
      for (let x = 0; x < width; x++) data[dst + x] = palette[dib[src + x]];
    } else {
      for (let x = 0; x < line; x++) data[dst + x] = flip ? ~dib[src + x] & 0xff : dib[src + x];
    }
  }
  return { index, width, height, depth: bitCount === 1 ? 1 : 8, channels: bitCount === 24 ? 3 : 1, bytesPerLine: line, data, resolution };
}
