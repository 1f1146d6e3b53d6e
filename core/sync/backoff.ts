import { setTimeout as sleep } from 'node:timers/promises';

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  attempts: number;
  random?: () => number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 250, capMs: 10_000, attempts: 10 };

/**
 * Capped exponential backoff with "equal jitter": retry i waits between half and all of
 * min(cap, base·2^i), so a court's workstations coming back online together do not retry in step.
 */
export function backoffDelays({ baseMs, capMs, attempts, random = Math.random }: BackoffOptions): number[] {
  return Array.from({ length: attempts }, (_, i) => {
    const ceiling = Math.min(capMs, baseMs * 2 ** i);
    return Math.round(ceiling / 2 + random() * (ceiling / 2));
  });
}

/** Runs fn, retrying after each delay while the failure is retryable. */
export async function withRetry<T>(fn: () => Promise<T>, delays: readonly number[], retryable: (err: unknown) => boolean): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= delays.length || !retryable(err)) throw err;
      await sleep(delays[attempt]);
    }
  }
}
