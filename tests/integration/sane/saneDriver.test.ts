import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { CourtError } from '../../../core/contract/index.js';
import type { RawPage } from '../../../core/scanning/port/scannerPort.js';
import { IsolatedScanner } from '../../../native/scanning/isolatedScanner.js';
import { saneTestConfig } from '../../helpers/saneConfig.js';

const config = saneTestConfig();
const scanner = new IsolatedScanner(config.env);
afterAll(async () => {
  await scanner.close();
  rmSync(config.dir, { recursive: true, force: true });
});

async function collect(pages: AsyncIterable<RawPage>): Promise<RawPage[]> {
  const out: RawPage[] = [];
  for await (const p of pages) out.push(p);
  return out;
}

async function failure(pages: AsyncIterable<RawPage>): Promise<{ error: CourtError; received: RawPage[] }> {
  const received: RawPage[] = [];
  try {
    for await (const p of pages) received.push(p);
  } catch (err) {
    return { error: err as CourtError, received };
  }
  throw new Error('expected the scan to fail');
}

describe('SANE driver (real libsane, its test and pnm devices), in its own process', () => {
  it('lists the virtual devices with what they can do', async () => {
    const names = (await scanner.listDevices()).map((d) => d.name);
    expect(names).toEqual(expect.arrayContaining(['test:0', 'pnm:0']));
    const caps = await scanner.capabilities('test:0');
    expect(caps.sources).toEqual({ flatbed: 'Flatbed', adf: 'Automatic Document Feeder' });
    expect(caps.modes).toEqual(expect.arrayContaining(['gray', 'color', 'lineart']));
    expect(caps.resolutions).toMatchObject({ min: 1, max: 1200 });
  });

  it('scans one flatbed page of A4 at 300 dpi gray', async () => {
    const [page, ...rest] = await collect(scanner.scan('test:0', { source: 'flatbed', mode: 'gray', resolution: 300, options: {} }));
    expect(rest).toEqual([]);
    expect(page).toMatchObject({ index: 0, width: 2480, channels: 1, depth: 8, resolution: 300 });
    expect(page.height).toBeGreaterThanOrEqual(3507);
    expect(page.data.length).toBe(page.bytesPerLine * page.height);
  });

  it('empties the feeder: exactly ten pages, then a normal end', async () => {
    const pages = await collect(scanner.scan('test:0', { source: 'adf', mode: 'gray', resolution: 75, options: {} }));
    expect(pages.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('scans lineart as one bit per pixel', async () => {
    const [page] = await collect(scanner.scan('test:0', { mode: 'lineart', resolution: 100, options: {} }));
    expect(page.depth).toBe(1);
    expect(page.bytesPerLine).toBe(Math.ceil(page.width / 8));
  });

  it('serves a real document image through the pnm backend, pixel for pixel', async () => {
    const width = 320;
    const height = 200;
    const pixels = Buffer.alloc(width * height, 255);
    for (let y = 40; y < 60; y++) pixels.fill(0, y * width + 30, y * width + 290);
    const file = join(config.dir, 'page.pgm');
    writeFileSync(file, Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`), pixels]));
    const [page] = await collect(scanner.scan('pnm:0', { options: { filename: file } }));
    expect(page).toMatchObject({ width, height, channels: 1, depth: 8 });
    expect(Buffer.compare(page.data.subarray(0, width * height), pixels)).toBe(0);
    expect((await sharp(page.data, { raw: { width, height, channels: 1 } }).stats()).channels[0].min).toBe(0);
  });

  it('refuses settings the device lacks, saying what it offers', async () => {
    const { error } = await failure(scanner.scan('test:0', { source: 'adf-duplex', options: {} }));
    expect(error).toBeInstanceOf(CourtError);
    expect(error.code).toBe('SCANNER_UNSUPPORTED_SETTING');
    expect(error.message).toContain('Automatic Document Feeder');
    expect((await failure(scanner.scan('test:0', { resolution: 4800, options: {} }))).error.code).toBe('SCANNER_UNSUPPORTED_SETTING');
  });

  it('says the scanner is offline for a device that is not there', async () => {
    expect((await failure(scanner.scan('test:7', { options: {} }))).error.code).toBe('SCANNER_OFFLINE');
  });

  it('stops a batch when cancelled, keeping the pages already received', async () => {
    const abort = new AbortController();
    const got: RawPage[] = [];
    // The test device's read delay makes each page take a while, as paper does, so the cancel lands mid-batch.
    const slow = { 'read-delay': 'true', 'read-delay-duration': '5000' };
    for await (const p of scanner.scan('test:0', { source: 'adf', resolution: 150, options: slow }, abort.signal)) {
      got.push(p);
      if (got.length === 2) abort.abort();
    }
    expect(got.length).toBeGreaterThanOrEqual(2);
    expect(got.length).toBeLessThan(10);
  });

  it('survives the driver process being killed mid-batch: earlier pages kept, a clear error, and the next scan works', async () => {
    const crashing = new IsolatedScanner(config.env);
    const received: RawPage[] = [];
    let error: CourtError | undefined;
    try {
      for await (const p of crashing.scan('test:0', { source: 'adf', resolution: 150, options: { 'read-delay': 'true', 'read-delay-duration': '5000' } })) {
        received.push(p);
        if (received.length === 2) process.kill(crashing.pid!, 'SIGKILL');
      }
    } catch (err) {
      error = err as CourtError;
    }
    expect(received.length).toBeGreaterThanOrEqual(2);
    expect(received.length).toBeLessThan(10);
    expect(error?.code).toBe('SCANNER_DRIVER_CRASHED');
    expect(await collect(crashing.scan('test:0', { source: 'flatbed', resolution: 75, options: {} }))).toHaveLength(1);
    await crashing.close();
  });
});
