import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { turnMaster } from '../../../core/scanning/edits/rotateMaster.js';
import { turnWords } from '../../../core/scanning/edits/turnWords.js';
import { renderTextPage } from '../../helpers/pageImages.js';

type Box = { x0: number; y0: number; x1: number; y1: number };

/** Share of dark pixels inside a box of a decoded gray page. */
function ink(page: { data: Buffer; width: number }, b: Box): number {
  let dark = 0;
  for (let y = b.y0; y < b.y1; y++) for (let x = b.x0; x < b.x1; x++) if (page.data[y * page.width + x] < 128) dark++;
  return dark / ((b.x1 - b.x0) * (b.y1 - b.y0));
}

describe('OCR words on a turned page', () => {
  it('still lie over their text after each quarter turn, so the dossier’s text layer stays in place', async () => {
    const rendered = await renderTextPage(['原告张三诉被告李四', '民间借贷纠纷一案'], { width: 701, height: 501, fontPx: 40 });
    const words = JSON.stringify(rendered.words);
    for (const turn of [90, 180, 270] as const) {
      const turned = await turnMaster(rendered.jpeg, 'image/jpeg', turn);
      const moved = JSON.parse(turnWords(words, turn, turned)!) as { text: string; bbox: Box }[];
      const { data, info } = await sharp(turned.master).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
      const page = { data, width: info.width };
      expect(moved.map((w) => w.text)).toEqual(rendered.words.map((w) => w.text));
      for (const w of moved) {
        expect(w.bbox.x0).toBeGreaterThanOrEqual(0);
        expect(w.bbox.y1).toBeLessThanOrEqual(info.height);
        // Inside the box: glyphs; the same box slid off the text: paper.
        expect(ink(page, w.bbox)).toBeGreaterThan(0.05);
      }
      const first = moved[0].bbox;
      // Slid outwards, away from the second line: right after 90°, down after 180°, left after 270°.
      const beside =
        turn === 180 ? { ...first, y0: first.y0 + 60, y1: first.y1 + 60 } : { ...first, x0: first.x0 + (turn === 90 ? 60 : -60), x1: first.x1 + (turn === 90 ? 60 : -60) };
      expect(ink(page, beside)).toBeLessThan(0.01);
    }
  });

  it('drops words it cannot read rather than leave them misplaced', () => {
    expect(turnWords('not json', 90, { width: 10, height: 10 })).toBeNull();
    expect(turnWords('[{"text":"x"}]', 90, { width: 10, height: 10 })).toBeNull();
  });
});
