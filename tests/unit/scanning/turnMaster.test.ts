import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { turnMaster } from '../../../core/scanning/edits/rotateMaster.js';
import { readJpeg } from '../../../core/scanning/edits/jpeg/readJpeg.js';
import type { Turn } from '../../../core/scanning/edits/jpeg/rotateJpeg.js';
import { CourtError } from '../../../core/contract/index.js';
import { readG4Tiff } from '../../../core/dossier/pdf/tiffG4.js';

/** A page-like picture: smooth shading, fine detail and an asymmetric mark, so a wrong turn shows. */
function picture(width: number, height: number, channels: 1 | 3): Buffer {
  const data = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        const mark = x < width / 4 && y < height / 5 ? 90 : 0;
        data[(y * width + x) * channels + c] = (Math.sin(x / 9 + c) * 50 + Math.cos(y / 13) * 50 + 128 + ((x * 3 + y * 7) % 11) - mark) & 255;
      }
    }
  }
  return data;
}

async function pixels(image: Buffer, channels: 1 | 3) {
  const { data, info } = await sharp(image).toColourspace(channels === 1 ? 'b-w' : 'srgb').raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** The original decoded and turned exactly (whole pixels, no resampling). */
async function turnedReference(image: Buffer, channels: 1 | 3, turn: Turn) {
  const decoded = await pixels(image, channels);
  const { data, info } = await sharp(decoded.data, { raw: { width: decoded.width, height: decoded.height, channels } })
    .rotate(turn)
    .toColourspace(channels === 1 ? 'b-w' : 'srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * Largest difference where the reference lies. A turned JPEG may carry a strip of edge padding:
 * at its left and top after one turn ('padded-start'), at its right and bottom once turned back.
 */
function maxDifference(ref: { data: Buffer; width: number; height: number }, got: { data: Buffer; width: number; height: number }, channels: number, padding: 'padded-start' | 'padded-end' = 'padded-start'): number {
  const dx = padding === 'padded-start' ? got.width - ref.width : 0;
  const dy = padding === 'padded-start' ? got.height - ref.height : 0;
  let max = 0;
  for (let y = 0; y < ref.height; y++) {
    for (let x = 0; x < ref.width * channels; x++) {
      max = Math.max(max, Math.abs(ref.data[y * ref.width * channels + x] - got.data[(y + dy) * got.width * channels + dx * channels + x]));
    }
  }
  return max;
}

describe('turning a page master without loss', () => {
  it('turns a gray JPEG by moving its coefficients: same picture, swapped sides, four quarter turns give it back exactly', async () => {
    const original = await sharp(picture(1241, 1753, 1), { raw: { width: 1241, height: 1753, channels: 1 } }).toColourspace('b-w').jpeg({ quality: 85 }).toBuffer();
    for (const turn of [90, 180, 270] as const) {
      const turned = await turnMaster(original, 'image/jpeg', turn);
      expect(turned.master.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
      const got = await pixels(turned.master, 1);
      expect([got.width, got.height]).toEqual([turned.width, turned.height]);
      // The side that becomes the left or top edge is widened to whole 8-pixel blocks; nothing is cut.
      expect([turned.width, turned.height]).toEqual({ 90: [1760, 1241], 180: [1248, 1760], 270: [1753, 1248] }[turn]);
      // Only the decoder's rounding differs: the inverse DCT of a transposed block can round one step apart.
      expect(maxDifference(await turnedReference(original, 1, turn), got, 1)).toBeLessThanOrEqual(1);
    }
    let master: Buffer = original;
    for (let i = 0; i < 4; i++) master = (await turnMaster(master, 'image/jpeg', 90)).master;
    const before = readJpeg(original).components[0];
    const after = readJpeg(master).components[0];
    expect(Buffer.from(after.coefficients.buffer).equals(Buffer.from(before.coefficients.buffer))).toBe(true);
    expect(maxDifference(await pixels(original, 1), await pixels(master, 1), 1, 'padded-end')).toBe(0);
  });

  it('turns a colour JPEG with 4:2:0 chroma', async () => {
    const original = await sharp(picture(333, 201, 3), { raw: { width: 333, height: 201, channels: 3 } }).jpeg({ quality: 85, chromaSubsampling: '4:2:0' }).toBuffer();
    const turned = await turnMaster(original, 'image/jpeg', 90);
    expect([turned.width, turned.height]).toEqual([208, 333]);
    // Chroma upsampling looks at neighbours, so colour can differ by a few steps near block edges.
    expect(maxDifference(await turnedReference(original, 3, 90), await pixels(turned.master, 3), 3)).toBeLessThanOrEqual(4);
    let master: Buffer = original;
    for (let i = 0; i < 2; i++) master = (await turnMaster(master, 'image/jpeg', 180)).master;
    expect(maxDifference(await pixels(original, 3), await pixels(master, 3), 3, 'padded-end')).toBeLessThanOrEqual(4);
    expect(Buffer.from(readJpeg(master).components[1].coefficients.buffer).equals(Buffer.from(readJpeg(original).components[1].coefficients.buffer))).toBe(true);
  });

  it('keeps a G4 TIFF a G4 TIFF with exactly the same pixels and resolution', async () => {
    const bilevel = Buffer.from(picture(300, 200, 1).map((v) => (v < 128 ? 0 : 255)));
    const original = await sharp(bilevel, { raw: { width: 300, height: 200, channels: 1 } })
      .toColourspace('b-w')
      .tiff({ compression: 'ccittfax4', bitdepth: 1, miniswhite: true, xres: 300 / 25.4, yres: 300 / 25.4, resolutionUnit: 'inch' })
      .toBuffer();
    const turned = await turnMaster(original, 'image/tiff', 270);
    const meta = await sharp(turned.master).metadata();
    expect(meta).toMatchObject({ format: 'tiff', width: 200, height: 300, bitsPerSample: 1 });
    expect(readG4Tiff(turned.master)).not.toBeNull();
    expect(Math.round(meta.density!)).toBe(300);
    expect(maxDifference(await turnedReference(original, 1, 270), await pixels(turned.master, 1), 1)).toBe(0);
  });

  it('keeps a PNG a PNG with exactly the same pixels', async () => {
    const original = await sharp(picture(120, 80, 3), { raw: { width: 120, height: 80, channels: 3 } }).png().toBuffer();
    const turned = await turnMaster(original, 'image/png', 90);
    expect((await sharp(turned.master).metadata()).format).toBe('png');
    expect([turned.width, turned.height]).toEqual([80, 120]);
    expect(maxDifference(await turnedReference(original, 3, 90), await pixels(turned.master, 3), 3)).toBe(0);
  });

  it('refuses a progressive JPEG rather than re-compressing it', async () => {
    const progressive = await sharp(picture(64, 64, 1), { raw: { width: 64, height: 64, channels: 1 } }).jpeg({ progressive: true }).toBuffer();
    const refused = await turnMaster(progressive, 'image/jpeg', 90).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CourtError);
    expect((refused as CourtError).code).toBe('PAGE_ROTATE_UNSUPPORTED');
  });
});
