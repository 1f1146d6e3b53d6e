import { describe, expect, it } from 'vitest';
import { fits, pageSizes, sizesFitting } from '../../../core/scanning/port/pageSizes.js';
import { ScanSettingsSchema } from '../../../core/scanning/port/scannerPort.js';
import { DriverRequestSchema } from '../../../native/scanning/protocol.js';

describe('scan settings crossing into the driver', () => {
  it('accepts our names, a named or measured page size, and backend options by SANE name', () => {
    expect(ScanSettingsSchema.parse({ source: 'adf', mode: 'gray', resolution: 300, pageSize: 'A4' })).toEqual({ source: 'adf', mode: 'gray', resolution: 300, pageSize: 'A4', options: {} });
    expect(ScanSettingsSchema.parse({ pageSize: { widthMm: 100, heightMm: 150 }, options: { filename: '/tmp/p.pgm' } }).pageSize).toEqual({ widthMm: 100, heightMm: 150 });
  });

  it('refuses what no scanner could mean', () => {
    for (const bad of [
      { source: 'ADF' },
      { mode: 'bw' },
      { resolution: 300.5 },
      { resolution: 10_000 },
      { pageSize: 'A0' },
      { pageSize: { widthMm: -1, heightMm: 10 } },
      { options: { 'Bad Name': '1' } },
      { colour: true },
    ]) {
      expect(ScanSettingsSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('the driver process checks each request too', () => {
    expect(DriverRequestSchema.safeParse({ id: 1, op: 'scan', device: 'test:0', settings: { source: 'adf' }, window: 2 }).success).toBe(true);
    expect(DriverRequestSchema.safeParse({ id: 1, op: 'scan', device: 'test:0', settings: { source: 'adf' }, window: 0 }).success).toBe(false);
    expect(DriverRequestSchema.safeParse({ id: 1, op: 'format-disk' }).success).toBe(false);
  });
});

describe('page sizes against a scanner’s largest area', () => {
  it('lists the sizes that fit, allowing for 16.16 rounding of the area', () => {
    expect(sizesFitting({ widthMm: 215.9, heightMm: 297 })).toEqual(['A4', 'A5', 'B5', 'Letter']);
    expect(sizesFitting({ widthMm: 215.89, heightMm: 355.59 })).toEqual(['A4', 'A5', 'B5', 'Letter', 'Legal']);
    expect(sizesFitting(null)).toEqual([]);
    expect(fits(pageSizes.A3, { widthMm: 300, heightMm: 300 })).toBe(false);
  });
});
