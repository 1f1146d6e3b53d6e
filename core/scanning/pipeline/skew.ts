import type { Box } from './background.js';
import type { Pixels } from './pixels.js';

/** Fewer ink pixels than this carry no line structure worth measuring. */
const MIN_INK = 400;
/** Enough points to place the peak; more only costs time. The coarse pass needs fewer still. */
const MAX_POINTS = 150_000;
const COARSE_POINTS = 30_000;

/**
 * Projection-profile skew search: project the ink onto lines tilted by each candidate angle and
 * keep the angle whose profile is most peaked (sum of squared bin counts), i.e. where text lines
 * fall into the fewest rows. Coarse 0.5° steps over ±maxDegrees, then 0.05° steps around the best.
 * Returns the clockwise tilt in degrees (rotate by its negative to straighten).
 */
export function estimateSkew(gray: Pixels, mask: Uint8Array, box: Box, threshold: number, maxDegrees: number): number {
  const { data, width } = gray;
  const cx = box.left + box.width / 2;
  const cy = box.top + box.height / 2;
  let count = 0;
  for (let y = box.top; y < box.top + box.height; y++) {
    for (let x = box.left; x < box.left + box.width; x++) {
      const i = y * width + x;
      if (!mask[i] && data[i] <= threshold) count++;
    }
  }
  if (count < MIN_INK) return 0;
  const step = Math.ceil(count / MAX_POINTS);
  const xs = new Float64Array(Math.ceil(count / step));
  const ys = new Float64Array(xs.length);
  let n = 0;
  let k = 0;
  for (let y = box.top; y < box.top + box.height; y++) {
    for (let x = box.left; x < box.left + box.width; x++) {
      const i = y * width + x;
      if (!mask[i] && data[i] <= threshold && k++ % step === 0) {
        xs[n] = x - cx;
        ys[n] = y - cy;
        n++;
      }
    }
  }
  const half = Math.ceil(Math.hypot(box.width, box.height) / 2) + 2;
  const bins = new Int32Array(2 * half + 1);
  let stride = 1;
  const score = (degrees: number) => {
    const t = (degrees * Math.PI) / 180;
    const sin = Math.sin(t);
    const cos = Math.cos(t);
    bins.fill(0);
    for (let j = 0; j < n; j += stride) bins[Math.round(ys[j] * cos - xs[j] * sin) + half]++;
    let s = 0;
    for (let b = 0; b < bins.length; b++) s += bins[b] * bins[b];
    return s;
  };
  const search = (from: number, to: number, by: number, start: number) => {
    let best = start;
    let bestScore = score(start);
    for (let a = from; a <= to + 1e-9; a += by) {
      const s = score(a);
      if (s > bestScore) {
        bestScore = s;
        best = a;
      }
    }
    return best;
  };
  stride = Math.max(1, Math.floor(n / COARSE_POINTS));
  const coarse = search(-maxDegrees, maxDegrees, 0.5, 0);
  stride = 1;
  const fine = search(coarse - 0.5, coarse + 0.5, 0.05, coarse);
  return Math.round(fine * 100) / 100;
}
