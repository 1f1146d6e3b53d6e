import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { CourtError } from '../../../core/contract/index.js';
import { PagePipeline } from '../../../core/scanning/pipeline/pagePipeline.js';
import { A4, addSpeckle, grayRawPage, lineartRawPage, scanLike, svgGray, textPageSvg } from '../../fixtures/capture/pages.js';

const pipeline = new PagePipeline({ detector: null });
afterAll(() => pipeline.close());

/** Reads one SHORT tag from a TIFF's first directory: the container, not just what sharp decodes. */
function tiffTag(tiff: Buffer, tag: number): number | undefined {
  const le = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd = u32(4);
  for (let i = 0; i < u16(ifd); i++) {
    const at = ifd + 2 + i * 12;
    if (u16(at) === tag) return u16(at + 8);
  }
  return undefined;
}

async function decodeGray(jpeg: Buffer) {
  const { data, info } = await sharp(jpeg).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe('page pipeline', async () => {
  const text = await svgGray(textPageSvg({ lines: 28 }));

  it('straightens a page scanned 7° askew to within half a degree', async () => {
    const tilted = await scanLike(text.data, text.width, text.height, { skew: 7 });
    const out = await pipeline.process(grayRawPage(0, tilted));
    expect(Math.abs(out.skewDegrees - 7)).toBeLessThan(0.5);
    // the stored master itself must be straight: measure it again
    const again = await pipeline.process(grayRawPage(1, await decodeGray(out.master)));
    expect(Math.abs(again.skewDegrees)).toBeLessThan(0.5);
  });

  it('crops a dark scanner backing away, leaving the paper', async () => {
    const scanned = await scanLike(text.data, text.width, text.height, { skew: -3, border: { level: 22, size: 90 } });
    const out = await pipeline.process(grayRawPage(0, scanned));
    expect(Math.abs(out.width - A4.width)).toBeLessThan(A4.width * 0.02);
    expect(Math.abs(out.height - A4.height)).toBeLessThan(A4.height * 0.02);
    const g = await decodeGray(out.master);
    // mean brightness of the outermost 6 pixels on every side: paper, not backing
    let sum = 0;
    let n = 0;
    for (let y = 0; y < g.height; y++) {
      for (let x = 0; x < g.width; x++) {
        if (x < 6 || y < 6 || x >= g.width - 6 || y >= g.height - 6) {
          sum += g.data[y * g.width + x];
          n++;
        }
      }
    }
    expect(sum / n).toBeGreaterThan(200);
  });

  it('flags a dusty empty page as blank but keeps it, and a page with one line of text is not blank', async () => {
    const empty = new Uint8Array(A4.width * A4.height).fill(243);
    addSpeckle(empty, A4.width, 11, 400);
    const blank = await pipeline.process(grayRawPage(0, { data: empty, width: A4.width, height: A4.height }));
    expect(blank.blank).toBe(true);
    expect(blank.master.length).toBeGreaterThan(0);
    expect(blank.thumbnail.length).toBeGreaterThan(0);

    const oneLine = await svgGray(textPageSvg({ lines: 1, first: 5 }));
    const written = await pipeline.process(grayRawPage(1, oneLine));
    expect(written.blank).toBe(false);
  });

  it('stores lineart as a 1-bit CCITT G4 TIFF at the scan resolution', async () => {
    const out = await pipeline.process(lineartRawPage(0, text));
    expect(out.mediaType).toBe('image/tiff');
    const meta = await sharp(out.master).metadata();
    expect(meta.format).toBe('tiff');
    expect(meta.bitsPerSample).toBe(1);
    expect(meta.channels).toBe(1);
    expect(meta.density).toBe(300);
    expect(tiffTag(out.master, 259)).toBe(4); // Compression = CCITT T.6 (Group 4)
    expect(out.master.length).toBeLessThan(200_000); // G4 of a text page is tens of KB
  });

  it('keeps gray pages one channel and colour pages colour, with a ~200 px thumbnail', async () => {
    const gray = await pipeline.process(grayRawPage(0, text));
    expect(gray.mediaType).toBe('image/jpeg');
    expect((await sharp(gray.master).metadata()).channels).toBe(1);
    const thumb = await sharp(gray.thumbnail).metadata();
    expect(thumb.format).toBe('jpeg');
    expect(thumb.width).toBe(200);

    const rgb = Buffer.alloc(800 * 1100 * 3, 240);
    for (let y = 400; y < 600; y++) for (let x = 300; x < 500; x++) rgb.set([200, 30, 30], (y * 800 + x) * 3); // a red seal
    const colour = await pipeline.process({ index: 1, width: 800, height: 1100, depth: 8, channels: 3, bytesPerLine: 2400, data: rgb, resolution: 100 });
    expect((await sharp(colour.master).metadata()).channels).toBe(3);
    expect(colour.dpi).toBe(100);
  });

  it('rejects a page whose buffer does not match its geometry', async () => {
    const bad = { index: 4, width: 100, height: 100, depth: 8 as const, channels: 1 as const, bytesPerLine: 100, data: Buffer.alloc(50), resolution: 300 };
    const err = await pipeline.process(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CourtError);
    expect((err as CourtError).code).toBe('CAPTURE_BAD_PAGE');
  });
});
