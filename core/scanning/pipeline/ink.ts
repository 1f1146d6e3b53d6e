import type { Box } from './background.js';
import type { Pixels } from './pixels.js';

/** Otsu's threshold over the paper pixels (mask 0). */
export function otsuThreshold(gray: Pixels, mask: Uint8Array): number {
  const hist = new Float64Array(256);
  let n = 0;
  for (let i = 0; i < gray.data.length; i++) {
    if (!mask[i]) {
      hist[gray.data[i]]++;
      n++;
    }
  }
  let sumAll = 0;
  for (let v = 0; v < 256; v++) sumAll += v * hist[v];
  let wB = 0;
  let sumB = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t];
    if (wB === 0) continue;
    const wF = n - wB;
    if (wF === 0) break;
    sumB += t * hist[t];
    const between = wB * wF * (sumB / wB - (sumAll - sumB) / wF) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

/**
 * Ink is darker than Otsu's split AND well below the paper: on a blank page Otsu splits paper
 * noise or show-through from the back, which must not count as writing.
 */
export function inkThreshold(gray: Pixels, mask: Uint8Array, paper: number, minContrast: number): number {
  return Math.min(otsuThreshold(gray, mask), paper - minContrast);
}

/**
 * Share of the box's interior covered by ink marks of at least minArea pixels (8-connected),
 * after a margin is ignored: punch holes, staples and edge shadows live there, and so do specks.
 */
export function inkCoverage(gray: Pixels, box: Box, threshold: number, opts: { margin: number; minArea: number }): number {
  const { data, width } = gray;
  const mx = Math.round(box.width * opts.margin);
  const my = Math.round(box.height * opts.margin);
  const x0 = box.left + mx;
  const y0 = box.top + my;
  const w = box.width - 2 * mx;
  const h = box.height - 2 * my;
  if (w <= 0 || h <= 0) return 0;
  const ink = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = (y0 + y) * width + x0;
    for (let x = 0; x < w; x++) if (data[row + x] <= threshold) ink[y * w + x] = 1;
  }
  const stack = new Int32Array(w * h);
  let inked = 0;
  for (let start = 0; start < ink.length; start++) {
    if (ink[start] !== 1) continue;
    ink[start] = 2;
    let top = 0;
    stack[top++] = start;
    let area = 0;
    while (top > 0) {
      const i = stack[--top];
      area++;
      const x = i % w;
      const y = (i - x) / w;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= w) continue;
          const j = ny * w + nx;
          if (ink[j] === 1) {
            ink[j] = 2;
            stack[top++] = j;
          }
        }
      }
    }
    if (area >= opts.minArea) inked += area;
  }
  return inked / (w * h);
}
