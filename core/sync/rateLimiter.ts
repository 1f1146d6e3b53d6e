import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';

const PIECE = 64 * 1024;

/** Token bucket shared by all uploads of one sync client, so the limit is the workstation's total. */
export class RateLimiter {
  private tokens: number;
  private last = performance.now();
  private readonly burst: number;

  constructor(readonly bytesPerSecond: number) {
    if (!(bytesPerSecond > 0)) throw new RangeError('bytesPerSecond must be positive');
    this.burst = Math.max(PIECE, bytesPerSecond / 10);
    this.tokens = this.burst;
  }

  async take(bytes: number): Promise<void> {
    for (;;) {
      const now = performance.now();
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.bytesPerSecond);
      this.last = now;
      if (this.tokens >= bytes) {
        this.tokens -= bytes;
        return;
      }
      await sleep(Math.ceil(((bytes - this.tokens) / this.bytesPerSecond) * 1000));
    }
  }
}

/** A request body that releases `bytes` no faster than the limiter allows; `size` lets the HTTP stack set Content-Length. */
export function throttledBody(bytes: Uint8Array, limiter: RateLimiter): Readable & { size: number } {
  async function* pieces() {
    for (let at = 0; at < bytes.length; at += PIECE) {
      const piece = bytes.subarray(at, Math.min(bytes.length, at + PIECE));
      await limiter.take(piece.length);
      yield piece;
    }
  }
  return Object.assign(Readable.from(pieces(), { objectMode: false }), { size: bytes.length });
}
