import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { CourtError } from '../../../core/contract/index.js';
import { createIsolatedScanner } from '../../../native/scanning/isolatedScanner.js';
import { saneTestConfig } from '../../../scripts/sane-test-config.js';
import { collect, failure } from './scanResults.js';

const config = saneTestConfig();
const scanner = createIsolatedScanner({ env: config.env });
afterAll(async () => {
  await scanner.close();
  rmSync(config.dir, { recursive: true, force: true });
});

/** A page that looks like a filing: a title and lines of body text, rendered by librsvg through sharp. */
async function documentImage(width: number, height: number, channels: 1 | 3): Promise<Buffer> {
  const lines = Array.from({ length: 8 }, (_, i) => `<text x="30" y="${110 + i * 26}" font-size="16">第${i + 1}行：原告诉称，被告未按合同约定支付货款。</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="white"/><text x="${width / 2 - 60}" y="60" font-size="28" fill="${channels === 3 ? '#b00' : 'black'}">民事起诉状</text>${lines}</svg>`;
  let image = sharp(Buffer.from(svg)).flatten({ background: '#ffffff' });
  image = channels === 1 ? image.grayscale() : image.removeAlpha();
  return image.raw().toBuffer();
}

describe('SANE driver (real libsane, its test and pnm devices), in its own process', () => {
  it('lists the virtual devices', async () => {
    const devices = await scanner.listDevices();
    expect(devices.map((d) => d.name)).toEqual(expect.arrayContaining(['test:0', 'pnm:0']));
    expect(devices.find((d) => d.name === 'test:0')).toEqual({ name: 'test:0', vendor: 'Noname', model: 'frontend-tester', type: 'virtual device' });
  });

  it('reports what test:0 can do, in our names and the backend’s own', async () => {
    const caps = await scanner.capabilities('test:0');
    expect(caps.sources).toEqual({ flatbed: 'Flatbed', adf: 'Automatic Document Feeder' });
    expect(caps.modes).toEqual(expect.arrayContaining(['gray', 'color', 'lineart']));
    expect(caps.resolutions).toEqual({ min: 1, max: 1200, step: 1 });
    expect(caps.maxArea).toEqual({ widthMm: 300, heightMm: 300 });
    expect(caps.pageSizes).toContain('A4');
    expect(caps.pageSizes).not.toContain('A3');
    const delay = caps.options.find((o) => o.name === 'read-delay-duration');
    expect(delay).toMatchObject({ type: 'int', unit: 'microsecond', active: false, constraint: { kind: 'range', min: 1000, max: 200000 } });
  });

  it('scans one flatbed page of A4 at 300 dpi gray', async () => {
    const [page, ...rest] = await collect(scanner.scan('test:0', { source: 'flatbed', mode: 'gray', resolution: 300, pageSize: 'A4', options: {} }));
    expect(rest).toEqual([]);
    // 210 × 297 mm at 300 dpi; SANE rounds the line count down.
    expect(page).toMatchObject({ index: 0, width: 2480, height: 3507, channels: 1, depth: 8, bytesPerLine: 2480, resolution: 300 });
    expect(page.data.length).toBe(2480 * 3507);
  });

  it('scans the page size asked for', async () => {
    const [page] = await collect(scanner.scan('test:0', { resolution: 100, pageSize: 'A5', options: {} }));
    expect([page.width, page.height]).toEqual([582, 826]);
  });

  it('empties the feeder: exactly ten pages, then a normal end', async () => {
    const pages = await collect(scanner.scan('test:0', { source: 'adf', mode: 'gray', resolution: 75, options: {} }));
    expect(pages.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // The feeder state belongs to the open device: a new batch starts full again.
    expect(await collect(scanner.scan('test:0', { source: 'adf', resolution: 25, options: {} }))).toHaveLength(10);
  });

  it('scans colour as RGB and lineart as one bit per pixel', async () => {
    const [color] = await collect(scanner.scan('test:0', { mode: 'color', resolution: 50, options: {} }));
    expect(color).toMatchObject({ channels: 3, depth: 8, bytesPerLine: color.width * 3 });
    const [lineart] = await collect(scanner.scan('test:0', { mode: 'lineart', resolution: 100, options: {} }));
    expect(lineart).toMatchObject({ channels: 1, depth: 1, bytesPerLine: Math.ceil(lineart.width / 8) });
  });

  it('serves real document images through the pnm device, pixel for pixel (gray and colour)', async () => {
    const [width, height] = [420, 320];
    for (const channels of [1, 3] as const) {
      const pixels = await documentImage(width, height, channels);
      const file = join(config.dir, channels === 1 ? 'page.pgm' : 'page.ppm');
      writeFileSync(file, Buffer.concat([Buffer.from(`${channels === 1 ? 'P5' : 'P6'}\n${width} ${height}\n255\n`), pixels]));
      const [page, ...rest] = await collect(scanner.scan('pnm:0', { source: 'flatbed', options: { filename: file } }));
      expect(rest).toEqual([]);
      expect(page).toMatchObject({ width, height, channels, depth: 8, bytesPerLine: width * channels });
      expect(page.data.equals(pixels)).toBe(true);
    }
  });

  it('refuses settings the device lacks, saying what it offers', async () => {
    const duplex = (await failure(scanner.scan('test:0', { source: 'adf-duplex', options: {} }))).error;
    expect(duplex).toBeInstanceOf(CourtError);
    expect(duplex.code).toBe('SCANNER_UNSUPPORTED_SETTING');
    expect(duplex.exitCode).toBe(2);
    expect(duplex.message).toContain('Automatic Document Feeder');
    // pnm has no mode option: the image file decides.
    const mode = (await failure(scanner.scan('pnm:0', { mode: 'lineart', options: {} }))).error;
    expect(mode.code).toBe('SCANNER_UNSUPPORTED_SETTING');
    const dpi = (await failure(scanner.scan('test:0', { resolution: 4800, options: {} }))).error;
    expect([dpi.code, dpi.message]).toEqual(['SCANNER_UNSUPPORTED_SETTING', expect.stringContaining('1–1200')]);
    const a3 = (await failure(scanner.scan('test:0', { pageSize: 'A3', options: {} }))).error;
    expect([a3.code, a3.message]).toEqual(['SCANNER_UNSUPPORTED_SETTING', expect.stringContaining('A4')]);
  });

  it('says an option is unavailable, not that the scanner is gone, when it is inactive or unknown', async () => {
    // read-delay-duration only becomes active once read-delay is on.
    const inactive = (await failure(scanner.scan('test:0', { options: { 'read-delay-duration': '5000' } }))).error;
    expect([inactive.code, inactive.message]).toEqual(['SCANNER_UNSUPPORTED_SETTING', expect.stringContaining('不可用')]);
    expect((await failure(scanner.scan('test:0', { options: { 'no-such-option': '1' } }))).error.code).toBe('SCANNER_UNSUPPORTED_SETTING');
    expect((await failure(scanner.scan('test:0', { options: { 'test-picture': 'Kittens' } }))).error.message).toContain('Solid white');
  });

  it('says the scanner is offline for a device that is not there', async () => {
    const { error } = await failure(scanner.scan('test:7', { options: {} }));
    expect(error.code).toBe('SCANNER_OFFLINE');
    await expect(scanner.capabilities('nosuch:0')).rejects.toMatchObject({ code: 'SCANNER_OFFLINE' });
  });
});
