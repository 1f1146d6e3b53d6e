export interface Clock {
  now(): number;
  /** Runs fn after ms; returns a cancel. */
  later(fn: () => void, ms: number): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  later(fn, ms) {
    const timer = setTimeout(fn, ms);
    // A pending progress flush must not keep a closing process alive.
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};

/**
 * Passes on at most one value per interval: the first at once, later ones as the newest value
 * at the end of the interval, so the last progress before a pause always arrives. flush()
 * sends a pending value now (before the job's final state); cancel() drops it.
 */
export class ProgressThrottle<T> {
  private last = Number.NEGATIVE_INFINITY;
  private pending: { value: T } | null = null;
  private cancelTimer: (() => void) | null = null;

  constructor(
    private readonly send: (value: T) => void,
    private readonly intervalMs: number,
    private readonly clock: Clock = systemClock,
  ) {}

  push(value: T): void {
    this.pending = { value };
    if (this.cancelTimer) return;
    const wait = this.last + this.intervalMs - this.clock.now();
    if (wait <= 0) this.flush();
    else this.cancelTimer = this.clock.later(() => this.flush(), wait);
  }

  flush(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    const pending = this.pending;
    this.pending = null;
    if (!pending) return;
    this.last = this.clock.now();
    this.send(pending.value);
  }

  cancel(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.pending = null;
  }
}
