import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import type { RawPage } from '../../../core/scanning/pipeline/rawPage.js';
import { renderTextPage } from '../../helpers/pageImages.js';

/** Rasterises a PDF the way a 300 dpi gray scan would see it: poppler's pdftoppm, one RawPage per page. */
export async function rasterise(pdf: Buffer, dpi = 300): Promise<RawPage[]> {
  const dir = mkdtempSync(join(tmpdir(), 'courtdesk-sheets-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    await promisify(execFile)('pdftoppm', ['-r', String(dpi), '-gray', '-png', join(dir, 'in.pdf'), join(dir, 'page')]);
    const files = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort();
    return await Promise.all(files.map((f, index) => grayRaw(join(dir, f), index, dpi)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function grayRaw(input: string | Buffer, index: number, dpi: number): Promise<RawPage> {
  const { data, info } = await sharp(input).grayscale().raw().toBuffer({ resolveWithObject: true });
  return { index, width: info.width, height: info.height, depth: 8, channels: 1, bytesPerLine: info.width, data, resolution: dpi };
}

/** An ordinary page of Chinese text as the scanner would deliver it (150 dpi gray). */
export async function textPage(lines: string[], index = 0): Promise<RawPage> {
  return grayRaw((await renderTextPage(lines)).jpeg, index, 150);
}

/** The page as 1-bit lineart (SANE packing: MSB first, 1 = black). */
export function toLineart(p: RawPage): RawPage {
  const bytesPerLine = Math.ceil(p.width / 8);
  const data = Buffer.alloc(bytesPerLine * p.height);
  for (let y = 0; y < p.height; y++) {
    for (let x = 0; x < p.width; x++) if (p.data[y * p.bytesPerLine + x] < 128) data[y * bytesPerLine + (x >> 3)] |= 0x80 >> (x & 7);
  }
  return { ...p, depth: 1, bytesPerLine, data };
}

/** The page turned upside down, as a sheet fed the wrong way round arrives. */
export function upsideDown(p: RawPage): RawPage {
  const data = Buffer.from(p.data.subarray(0, p.bytesPerLine * p.height)).reverse();
  return { ...p, data };
}
