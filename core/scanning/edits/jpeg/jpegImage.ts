/** Natural (row-major) index of each zig-zag position. */
export const ZIGZAG = Uint8Array.from([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15,
  23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
]);

export interface JpegComponent {
  id: number;
  /** Sampling factors; 1 × 1 for a single-component image. */
  h: number;
  v: number;
  /** Quantisation table id. */
  tq: number;
  /** Blocks across and down, covering whole MCUs. */
  blocksWide: number;
  blocksHigh: number;
  /** 64 quantised DCT coefficients per block in natural order (row = vertical frequency), blocks row by row. */
  coefficients: Int16Array;
}

/** A baseline JPEG taken apart to its quantised coefficients, everything else kept as it was. */
export interface JpegImage {
  width: number;
  height: number;
  components: JpegComponent[];
  /** By table id, natural order. */
  quantTables: (Uint16Array | null)[];
  /** APPn and COM segments, marker and length included, in file order. */
  segments: Uint8Array[];
}

/** Thrown for files the coefficient transforms cannot take: progressive, arithmetic-coded, 12-bit, damaged. */
export class JpegFormatError extends Error {
  constructor(
    message: string,
    readonly unsupported: boolean,
  ) {
    super(message);
    this.name = 'JpegFormatError';
  }
}

/** Pixel size of one MCU: 8 × the largest sampling factors, or one block for a single component. */
export function mcuSize(components: readonly Pick<JpegComponent, 'h' | 'v'>[]): { width: number; height: number } {
  return { width: 8 * Math.max(...components.map((c) => c.h)), height: 8 * Math.max(...components.map((c) => c.v)) };
}
