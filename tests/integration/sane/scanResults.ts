import type { CourtError } from '../../../core/contract/index.js';
import type { RawPage } from '../../../core/scanning/port/scannerPort.js';

export async function collect(pages: AsyncIterable<RawPage>): Promise<RawPage[]> {
  const out: RawPage[] = [];
  for await (const p of pages) out.push(p);
  return out;
}

/** Runs a scan that must fail; returns the error and the pages delivered before it. */
export async function failure(pages: AsyncIterable<RawPage>): Promise<{ error: CourtError; received: RawPage[] }> {
  const received: RawPage[] = [];
  try {
    for await (const p of pages) received.push(p);
  } catch (err) {
    return { error: err as CourtError, received };
  }
  throw new Error(`expected the scan to fail, but it gave ${received.length} pages`);
}
