import type { Pixels } from './pixels.js';

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Paper brightness: the median of the central quarter, where there is paper even on a busy page. */
export function paperLevel(gray: Pixels): number {
  const { data, width, height } = gray;
  const hist = new Uint32Array(256);
  const x0 = Math.floor(width / 4);
  const y0 = Math.floor(height / 4);
  let n = 0;
  for (let y = y0; y < height - y0; y++) for (let x = x0; x < width - x0; x++, n++) hist[data[y * width + x]]++;
  let seen = 0;
  for (let v = 0; v < 256; v++) if ((seen += hist[v]) * 2 >= n) return v;
  return 255;
}

/**
 * Scanner background: pixels joined to the image frame whose brightness is clearly unlike the
 * paper (a black or grey backing plate, or a white lid around darker paper). Text sits inside the
 * paper, so the flood from the frame never reaches it. Returns 1 for background.
 */
export function backgroundMask(gray: Pixels, paper: number, tolerance: number): { mask: Uint8Array; level: number | null } {
  const { data, width, height } = gray;
  const mask = new Uint8Array(width * height);
  const unlike = (i: number) => Math.abs(data[i] - paper) > tolerance;
  const stack = new Int32Array(width * height);
  let top = 0;
  const seed = (i: number) => {
    if (!mask[i] && unlike(i)) {
      mask[i] = 1;
      stack[top++] = i;
    }
  };
  for (let x = 0; x < width; x++) {
    seed(x);
    seed((height - 1) * width + x);
  }
  for (let y = 0; y < height; y++) {
    seed(y * width);
    seed(y * width + width - 1);
  }
  const hist = new Uint32Array(256);
  let count = 0;
  while (top > 0) {
    const i = stack[--top];
    hist[data[i]]++;
    count++;
    const x = i % width;
    if (x > 0) seed(i - 1);
    if (x < width - 1) seed(i + 1);
    if (i >= width) seed(i - width);
    if (i < width * (height - 1)) seed(i + width);
  }
  if (count === 0) return { mask, level: null };
  let seen = 0;
  let level = 0;
  while ((seen += hist[level]) * 2 < count) level++;
  return { mask, level };
}

/**
 * The paper rectangle: rows and columns in from each edge while background covers most of them.
 * A rectangle under a third of the frame means the "background" was page content (a dark photo
 * or bar), so the whole frame is kept.
 */
export function paperBox(mask: Uint8Array, width: number, height: number): Box {
  const rowBg = new Uint32Array(height);
  const colBg = new Uint32Array(width);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (mask[y * width + x]) {
        rowBg[y]++;
        colBg[x]++;
      }
    }
  }
  let top = 0;
  while (top < height && rowBg[top] * 2 > width) top++;
  let bottom = height - 1;
  while (bottom > top && rowBg[bottom] * 2 > width) bottom--;
  let left = 0;
  while (left < width && colBg[left] * 2 > height) left++;
  let right = width - 1;
  while (right > left && colBg[right] * 2 > height) right--;
  // The paper's edge pixel is a blend of paper and backing; step one pixel further in.
  if (top > 0) top++;
  if (bottom < height - 1) bottom--;
  if (left > 0) left++;
  if (right < width - 1) right--;
  const box = { left, top, width: right - left + 1, height: bottom - top + 1 };
  if (box.width * 3 < width || box.height * 3 < height) return { left: 0, top: 0, width, height };
  return box;
}
