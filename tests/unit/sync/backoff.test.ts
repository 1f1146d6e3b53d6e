import { describe, expect, it } from 'vitest';
import { CourtError } from '../../../core/contract/index.js';
import { backoffDelays, withRetry } from '../../../core/sync/backoff.js';

describe('backoff', () => {
  it('doubles up to the cap, each delay between half and all of its ceiling', () => {
    const low = backoffDelays({ baseMs: 100, capMs: 1000, attempts: 6, random: () => 0 });
    const high = backoffDelays({ baseMs: 100, capMs: 1000, attempts: 6, random: () => 1 });
    expect(high).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(low).toEqual([50, 100, 200, 400, 500, 500]);
  });

  it('spreads workstations retrying at the same moment', () => {
    const firsts = new Set(Array.from({ length: 50 }, () => backoffDelays({ baseMs: 1000, capMs: 10_000, attempts: 1 })[0]));
    expect(firsts.size).toBeGreaterThan(10);
  });

  it('retries transient failures only, as many times as there are delays', async () => {
    let calls = 0;
    const flaky = () => {
      calls += 1;
      return calls < 3 ? Promise.reject(new CourtError('SYNC_UNREACHABLE')) : Promise.resolve('ok');
    };
    const transient = (e: unknown) => e instanceof CourtError && e.code === 'SYNC_UNREACHABLE';
    await expect(withRetry(flaky, [0, 0, 0], transient)).resolves.toBe('ok');
    expect(calls).toBe(3);

    calls = 0;
    await expect(withRetry(() => (calls++, Promise.reject(new CourtError('FORBIDDEN'))), [0, 0], transient)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(calls).toBe(1);
    calls = 0;
    await expect(withRetry(() => (calls++, Promise.reject(new CourtError('SYNC_UNREACHABLE'))), [0, 0], transient)).rejects.toMatchObject({ code: 'SYNC_UNREACHABLE' });
    expect(calls).toBe(3);
  });
});
