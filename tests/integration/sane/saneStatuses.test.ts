import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../core/contract/index.js';
import { createIsolatedScanner } from '../../../native/scanning/isolatedScanner.js';
import { saneTestConfig } from '../../../scripts/sane-test-config.js';
import { collect, failure } from './scanResults.js';

const config = saneTestConfig();
const scanner = createIsolatedScanner({ env: config.env });
afterAll(async () => {
  await scanner.close();
  rmSync(config.dir, { recursive: true, force: true });
});

/** The test device answers every sane_read with the status chosen in its read-return-value option. */
const statuses: [string, ErrorCode][] = [
  ['SANE_STATUS_JAMMED', 'SCANNER_JAMMED'],
  ['SANE_STATUS_COVER_OPEN', 'SCANNER_COVER_OPEN'],
  ['SANE_STATUS_DEVICE_BUSY', 'SCANNER_BUSY'],
  ['SANE_STATUS_IO_ERROR', 'SCANNER_IO'],
  ['SANE_STATUS_NO_MEM', 'SCANNER_IO'],
  ['SANE_STATUS_INVAL', 'SCANNER_IO'],
  ['SANE_STATUS_ACCESS_DENIED', 'SCANNER_ACCESS_DENIED'],
  ['SANE_STATUS_CANCELLED', 'SCANNER_CANCELLED'],
  ['SANE_STATUS_UNSUPPORTED', 'SCANNER_UNSUPPORTED_SETTING'],
  ['SANE_STATUS_NO_DOCS', 'SCANNER_FEEDER_EMPTY'],
];

describe('SANE statuses from the real test backend reach the operator as our codes', () => {
  it.each(statuses)('%s while reading → %s', async (status, code) => {
    const { error, received } = await failure(scanner.scan('test:0', { source: 'adf', resolution: 50, options: { 'read-return-value': status } }));
    expect(received).toEqual([]);
    expect(error.code).toBe(code);
    expect(error.details).toMatchObject({ saneStatus: status, call: 'read' });
  });

  it('an empty frame (EOF at once) is a communication error, not a page', async () => {
    const { error } = await failure(scanner.scan('test:0', { resolution: 50, options: { 'read-return-value': 'SANE_STATUS_EOF' } }));
    expect(error.code).toBe('SCANNER_IO');
  });

  it('a status forced for one batch does not stay with the device', async () => {
    expect(await collect(scanner.scan('test:0', { source: 'adf', resolution: 25, options: {} }))).toHaveLength(10);
  });

  it('the pnm device’s forced statuses map the same way', async () => {
    const file = join(config.dir, 'blank.pgm');
    writeFileSync(file, Buffer.concat([Buffer.from('P5\n16 16\n255\n'), Buffer.alloc(256, 255)]));
    const jammed = await failure(scanner.scan('pnm:0', { options: { filename: file, status: 'no', 'status-jammed': 'yes' } }));
    expect(jammed.error.code).toBe('SCANNER_JAMMED');
    const empty = await failure(scanner.scan('pnm:0', { options: { filename: file, status: 'no', 'status-nodocs': 'yes' } }));
    expect(empty.error.code).toBe('SCANNER_FEEDER_EMPTY');
  });
});
