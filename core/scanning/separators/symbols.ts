import bwipjs from 'bwip-js';
import { formatPayload, toAscii, type SeparatorPayload } from './payload.js';

/** A QR code as its module matrix, row by row; true = dark. Drawn as vectors so any printer prints it sharp. */
export interface Matrix {
  size: number;
  dark: (x: number, y: number) => boolean;
}

/** The payload as UTF-8 in a QR code, error correction level M (a staple hole or a smudge still reads). */
export function qrMatrix(p: SeparatorPayload): Matrix {
  const [sym] = bwipjs.raw('qrcode', formatPayload(p), 'eclevel=M');
  if (!sym || !('pixs' in sym) || sym.pixx !== sym.pixy || sym.pixs.length !== sym.pixx * sym.pixy) throw new Error('bwip-js returned no QR matrix');
  return { size: sym.pixx, dark: (x, y) => sym.pixs[y * sym.pixx + x] === 1 };
}

/** The payload's ASCII form as Code 128: bar and space widths in modules, starting with a bar. */
export function code128Widths(p: SeparatorPayload): number[] {
  const [sym] = bwipjs.raw('code128', toAscii(p), '');
  if (!sym || !('sbs' in sym) || sym.sbs.length === 0) throw new Error('bwip-js returned no Code 128 bars');
  return sym.sbs;
}
