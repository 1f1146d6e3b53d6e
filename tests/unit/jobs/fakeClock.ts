import type { Clock } from '../../../core/jobs/progressThrottle.js';

/** A clock the test moves by hand; timers fire when it passes them. */
export function fakeClock(): Clock & { advance(ms: number): void } {
  let now = 1_000_000;
  let timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => now,
    later(fn, ms) {
      const timer = { at: now + ms, fn };
      timers.push(timer);
      return () => {
        timers = timers.filter((t) => t !== timer);
      };
    },
    advance(ms) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      for (const t of due) t.fn();
    },
  };
}
