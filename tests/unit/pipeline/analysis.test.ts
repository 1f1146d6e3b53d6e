import { describe, expect, it } from 'vitest';
import { backgroundMask, paperBox, paperLevel } from '../../../core/scanning/pipeline/background.js';
import { inkCoverage } from '../../../core/scanning/pipeline/ink.js';
import { unpackRaw, type Pixels } from '../../../core/scanning/pipeline/pixels.js';
import { estimateSkew } from '../../../core/scanning/pipeline/skew.js';

function canvas(width: number, height: number, level: number): Pixels {
  return { data: new Uint8Array(width * height).fill(level), width, height, channels: 1 };
}

/** Dark text-like bars along lines tilted clockwise by `degrees`. */
function tiltedLines(p: Pixels, degrees: number): void {
  const t = (degrees * Math.PI) / 180;
  for (let line = 0; line < 20; line++) {
    const y0 = 60 + line * 22;
    for (let x = 60; x < p.width - 60; x++) {
      if (x % 14 > 10) continue; // gaps between glyphs
      const y = Math.round(y0 + (x - p.width / 2) * Math.tan(t));
      for (let dy = 0; dy < 8; dy++) if (y + dy >= 0 && y + dy < p.height) p.data[(y + dy) * p.width + x] = 20;
    }
  }
}

describe('page analysis', () => {
  it('measures the tilt of text lines', () => {
    for (const degrees of [-12, -3.5, 0, 7, 15]) {
      const p = canvas(700, 560, 240);
      tiltedLines(p, degrees);
      const mask = new Uint8Array(p.data.length);
      const skew = estimateSkew(p, mask, { left: 0, top: 0, width: p.width, height: p.height }, 128, 20);
      expect(Math.abs(skew - degrees)).toBeLessThan(0.3);
    }
  });

  it('finds the paper inside a dark backing and ignores the paper’s own text', () => {
    const p = canvas(400, 500, 25);
    for (let y = 40; y < 460; y++) for (let x = 30; x < 370; x++) p.data[y * 400 + x] = 235;
    for (let x = 60; x < 340; x++) p.data[100 * 400 + x] = 10; // a rule of ink on the paper
    const paper = paperLevel(p);
    expect(paper).toBe(235);
    const { mask, level } = backgroundMask(p, paper, 60);
    expect(level).toBe(25);
    expect(mask[100 * 400 + 200]).toBe(0);
    const box = paperBox(mask, p.width, p.height);
    expect(box.left).toBeGreaterThanOrEqual(30);
    expect(box.left).toBeLessThanOrEqual(32);
    expect(box.top).toBeGreaterThanOrEqual(40);
    expect(box.left + box.width).toBeLessThanOrEqual(370);
    expect(box.top + box.height).toBeLessThanOrEqual(460);
    expect(box.width).toBeGreaterThan(335);
  });

  it('keeps the whole frame when there is no backing to cut away', () => {
    const p = canvas(300, 300, 240);
    const { mask, level } = backgroundMask(p, 240, 60);
    expect(level).toBeNull();
    expect(paperBox(mask, 300, 300)).toEqual({ left: 0, top: 0, width: 300, height: 300 });
  });

  it('counts writing but not specks toward ink coverage', () => {
    const specks = canvas(500, 700, 240);
    for (let i = 0; i < 400; i++) specks.data[(20 + ((i * 37) % 660)) * 500 + 20 + ((i * 91) % 460)] = 10;
    const box = { left: 0, top: 0, width: 500, height: 700 };
    expect(inkCoverage(specks, box, 150, { margin: 0.04, minArea: 6 })).toBe(0);
    const written = canvas(500, 700, 240);
    for (let y = 300; y < 312; y++) for (let x = 100; x < 300; x++) if (x % 15 < 10) written.data[y * 500 + x] = 10;
    expect(inkCoverage(written, box, 150, { margin: 0.04, minArea: 6 })).toBeGreaterThan(0.001);
  });

  it('unpacks SANE lineart (1 = black) and drops row padding', () => {
    const data = new Uint8Array([0b10100000, 0xff, 0b01000000, 0xff]); // 3 px wide, 2 rows, 2 bytes per line
    const px = unpackRaw({ width: 3, height: 2, depth: 1, channels: 1, bytesPerLine: 2 }, data);
    expect([...px.data]).toEqual([0, 255, 0, 255, 0, 255]);
    const rgb = unpackRaw({ width: 1, height: 2, depth: 8, channels: 3, bytesPerLine: 4 }, new Uint8Array([1, 2, 3, 9, 4, 5, 6, 9]));
    expect([...rgb.data]).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
