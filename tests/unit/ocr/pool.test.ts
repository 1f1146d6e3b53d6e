import { describe, expect, it } from 'vitest';
import { ProcessPool } from '../../../native/tesseract/pool.js';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('ProcessPool', () => {
  it('runs at most `size` tasks at once and starts waiters in order', async () => {
    const pool = new ProcessPool(2);
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    let peak = 0;
    let running = 0;
    const runs = gates.map((g, i) =>
      pool.run(async () => {
        started.push(i);
        peak = Math.max(peak, ++running);
        await g.promise;
        running -= 1;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[1].resolve();
    await runs[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    gates[0].resolve();
    gates[2].resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(peak).toBe(2);
  });

  it('lets a cancelled waiter leave the line without running', async () => {
    const pool = new ProcessPool(1);
    const gate = deferred();
    const first = pool.run(() => gate.promise);
    const controller = new AbortController();
    let ran = false;
    const second = pool.run(async () => {
      ran = true;
    }, controller.signal);
    controller.abort();
    await expect(second).rejects.toMatchObject({ code: 'OCR_CANCELLED' });
    gate.resolve();
    await first;
    await pool.run(async () => undefined);
    expect(ran).toBe(false);
  });

  it('releases its slot when a task fails', async () => {
    const pool = new ProcessPool(1);
    await expect(pool.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(pool.run(async () => 'ok')).resolves.toBe('ok');
  });
});
