import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { CourtError } from '../../../core/contract/index.js';
import type { RawPage } from '../../../core/scanning/port/scannerPort.js';
import { createIsolatedScanner } from '../../../native/scanning/isolatedScanner.js';
import { saneTestConfig } from '../../../scripts/sane-test-config.js';
import { collect, failure } from './scanResults.js';

const config = saneTestConfig();
afterAll(() => rmSync(config.dir, { recursive: true, force: true }));

// The test device's read delay makes each page take a while, as paper does, so events land mid-batch.
const slowFeeder = { source: 'adf' as const, resolution: 150, options: { 'read-delay': 'yes', 'read-delay-duration': '5000' } };

describe('the driver process', () => {
  it('stops a batch when cancelled: no page after the cancel, and the scanner is free again', async () => {
    const scanner = createIsolatedScanner({ env: config.env });
    const abort = new AbortController();
    const got: RawPage[] = [];
    for await (const p of scanner.scan('test:0', slowFeeder, abort.signal)) {
      got.push(p);
      if (got.length === 2) abort.abort();
    }
    expect(got.map((p) => p.index)).toEqual([0, 1]);
    // The device was closed: a new batch on it starts (and gets a full feeder).
    expect(await collect(scanner.scan('test:0', { source: 'adf', resolution: 25, options: {} }))).toHaveLength(10);
    await scanner.close();
  });

  it('stops the scanner when the reader walks away mid-batch', async () => {
    const scanner = createIsolatedScanner({ env: config.env });
    for await (const p of scanner.scan('test:0', slowFeeder)) if (p.index === 0) break;
    const [page] = await collect(scanner.scan('test:0', { source: 'flatbed', resolution: 25, options: {} }));
    expect(page.index).toBe(0);
    await scanner.close();
  });

  it('refuses a second batch on a device that is scanning', async () => {
    const scanner = createIsolatedScanner({ env: config.env });
    const first = scanner.scan('test:0', slowFeeder)[Symbol.asyncIterator]();
    expect((await first.next()).done).toBe(false);
    expect((await failure(scanner.scan('test:0', { options: {} }))).error.code).toBe('SCANNER_BUSY');
    // Asking what a busy device can do still answers.
    expect((await scanner.capabilities('test:0')).sources).toHaveProperty('adf');
    await first.return?.();
    await scanner.close();
  });

  it('survives the driver process being killed mid-batch: earlier pages kept, a clear error, and the next scan works', async () => {
    const scanner = createIsolatedScanner({ env: config.env });
    const received: RawPage[] = [];
    let error: CourtError | undefined;
    try {
      for await (const p of scanner.scan('test:0', slowFeeder)) {
        received.push(p);
        if (received.length === 2) process.kill(scanner.pid!, 'SIGKILL');
      }
    } catch (err) {
      error = err as CourtError;
    }
    // Pages already on their way when the process died may still arrive; none is lost or reordered.
    expect(received.length).toBeGreaterThanOrEqual(2);
    expect(received.length).toBeLessThan(10);
    expect(received.map((p) => p.index)).toEqual([...received.keys()]);
    expect(error?.code).toBe('SCANNER_DRIVER_CRASHED');
    expect(error?.message).toContain(`${received.length} 页`);
    expect(error?.details).toMatchObject({ cause: 'signal SIGKILL', pagesReceived: received.length });
    // A fresh driver process takes over.
    expect(await collect(scanner.scan('test:0', { source: 'flatbed', resolution: 75, options: {} }))).toHaveLength(1);
    await scanner.close();
  });

  it('fails a scan with SCANNER_DRIVER_CRASHED when the driver dies before the first page', async () => {
    const scanner = createIsolatedScanner({ env: config.env });
    const pages = scanner.scan('test:0', slowFeeder)[Symbol.asyncIterator]();
    // The first next() starts the driver process synchronously; it is killed while still starting.
    const first = pages.next();
    process.kill(scanner.pid!, 'SIGKILL');
    await expect(first).rejects.toMatchObject({ code: 'SCANNER_DRIVER_CRASHED' });
    expect((await scanner.listDevices()).length).toBeGreaterThan(0);
    await scanner.close();
  });
});
