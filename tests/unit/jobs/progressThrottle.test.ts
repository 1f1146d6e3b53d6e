import { describe, expect, it } from 'vitest';
import { ProgressThrottle } from '../../../core/jobs/progressThrottle.js';
import { fakeClock } from './fakeClock.js';

describe('progress throttling', () => {
  it('passes the first value at once and at most one per interval after it, always the newest', () => {
    const clock = fakeClock();
    const sent: number[] = [];
    const throttle = new ProgressThrottle<number>((v) => sent.push(v), 200, clock);
    throttle.push(1);
    expect(sent).toEqual([1]);
    for (let page = 2; page <= 50; page++) throttle.push(page);
    expect(sent).toEqual([1]);
    clock.advance(199);
    expect(sent).toEqual([1]);
    clock.advance(1);
    expect(sent).toEqual([1, 50]);
    // A page after a quiet interval goes out at once again.
    clock.advance(500);
    throttle.push(51);
    expect(sent).toEqual([1, 50, 51]);
  });

  it('a page-per-millisecond export sends five updates a second, and the last page is never lost', () => {
    const clock = fakeClock();
    const sent: number[] = [];
    const throttle = new ProgressThrottle<number>((v) => sent.push(v), 200, clock);
    for (let page = 1; page <= 1000; page++) {
      throttle.push(page);
      clock.advance(1);
    }
    expect(sent.length).toBeLessThanOrEqual(6);
    throttle.flush();
    expect(sent.at(-1)).toBe(1000);
  });

  it('flush sends what is pending now; cancel drops it', () => {
    const clock = fakeClock();
    const sent: string[] = [];
    const throttle = new ProgressThrottle<string>((v) => sent.push(v), 200, clock);
    throttle.push('a');
    throttle.push('b');
    throttle.flush();
    expect(sent).toEqual(['a', 'b']);
    throttle.flush();
    expect(sent).toEqual(['a', 'b']);
    throttle.push('c');
    throttle.cancel();
    clock.advance(1000);
    expect(sent).toEqual(['a', 'b']);
  });
});
