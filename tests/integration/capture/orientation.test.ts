import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { PagePipeline } from '../../../core/scanning/pipeline/pagePipeline.js';
import { parseOsd, TesseractOrientationDetector } from '../../../native/tesseract/osd.js';
import { grayRawPage, scanLike, svgGray, textPageSvg } from '../../fixtures/capture/pages.js';

const detector = new TesseractOrientationDetector();
const pipeline = new PagePipeline({ detector });
afterAll(() => pipeline.close());

async function masterGray(master: Buffer) {
  const { data, info } = await sharp(master).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return { gray: new Uint8Array(data), width: info.width, height: info.height, dpi: 300 };
}

describe('orientation (tesseract --psm 0)', async () => {
  const text = await svgGray(textPageSvg({ lines: 24 }));

  it('turns a page fed upside down the right way up', async () => {
    const upsideDown = await scanLike(text.data, text.width, text.height, { turn: 180, skew: 1.5 });
    const out = await pipeline.process(grayRawPage(0, upsideDown));
    expect(out.rotated).toBe(180);
    expect(out.warnings).toEqual([]);
    const check = await detector.detect(await masterGray(out.master));
    expect(check?.rotate).toBe(0);
  });

  it('turns a page fed sideways upright', async () => {
    const sideways = await scanLike(text.data, text.width, text.height, { turn: 90 });
    const out = await pipeline.process(grayRawPage(1, sideways));
    expect(out.rotated).toBe(270);
    expect(out.width).toBeLessThan(out.height);
  });

  it('turns a short notice whose few lines sit at one edge: the middle of the page alone cannot tell', async () => {
    const notice = await svgGray(textPageSvg({ lines: 5 }));
    const upsideDown = await scanLike(notice.data, notice.width, notice.height, { turn: 180 });
    const out = await pipeline.process(grayRawPage(4, upsideDown));
    expect(out.rotated).toBe(180);
  });

  it('leaves an upright page alone', async () => {
    const out = await pipeline.process(grayRawPage(2, text));
    expect(out.rotated).toBe(0);
  });

  it('keeps the page as scanned and says so when tesseract cannot run', async () => {
    const broken = new PagePipeline({ detector: new TesseractOrientationDetector({ binary: 'tesseract-not-installed' }), workers: 1 });
    try {
      const upsideDown = await scanLike(text.data, text.width, text.height, { turn: 180 });
      const out = await broken.process(grayRawPage(3, upsideDown));
      expect(out.rotated).toBe(0);
      expect(out.warnings.map((w) => w.code)).toEqual(['ORIENTATION_UNAVAILABLE']);
    } finally {
      await broken.close();
    }
  });

  it('reads tesseract OSD output and rejects anything unexpected', () => {
    const osd = 'Page number: 0\nOrientation in degrees: 180\nRotate: 180\nOrientation confidence: 11.00\nScript: Han\nScript confidence: 2.1\n';
    expect(parseOsd(osd)).toEqual({ rotate: 180, confidence: 11 });
    expect(parseOsd(osd.replace('Rotate: 180', 'Rotate: 45'))).toBeNull();
    expect(parseOsd('garbage')).toBeNull();
  });
});
