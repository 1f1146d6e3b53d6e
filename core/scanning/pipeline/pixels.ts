/** Tightly packed 8-bit samples, row after row: what sharp's raw input expects. */
export interface Pixels {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 3;
}

export interface RawGeometry {
  width: number;
  height: number;
  depth: 1 | 8;
  channels: 1 | 3;
  bytesPerLine: number;
}

/** Drops row padding and expands 1-bit lineart (1 = black) to 0/255 gray. */
export function unpackRaw(g: RawGeometry, data: Uint8Array): Pixels {
  const { width, height, channels, bytesPerLine } = g;
  const rowBytes = width * channels;
  const out = new Uint8Array(rowBytes * height);
  if (g.depth === 8) {
    if (bytesPerLine === rowBytes) out.set(data.subarray(0, out.length));
    else for (let y = 0; y < height; y++) out.set(data.subarray(y * bytesPerLine, y * bytesPerLine + rowBytes), y * rowBytes);
    return { data: out, width, height, channels };
  }
  for (let y = 0; y < height; y++) {
    const src = y * bytesPerLine;
    const dst = y * width;
    for (let x = 0; x < width; x++) {
      const bit = (data[src + (x >> 3)] >> (7 - (x & 7))) & 1;
      out[dst + x] = bit ? 0 : 255;
    }
  }
  return { data: out, width, height, channels: 1 };
}
