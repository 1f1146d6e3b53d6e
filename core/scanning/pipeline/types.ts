/** Clockwise quarter turns. */
export type QuarterTurn = 0 | 90 | 180 | 270;

export interface OrientationGuess {
  /** Clockwise rotation that makes the text upright. */
  rotate: QuarterTurn;
  confidence: number;
}

/** Gray pixels of a straightened, cropped page at no more than 300 dpi. */
export interface OrientationInput {
  gray: Uint8Array;
  width: number;
  height: number;
  dpi: number;
}

/**
 * Port: which way up is the page? Implemented outside core (native/tesseract/osd.ts).
 * Resolves null when the page has too little text to tell; rejects when the detector cannot run.
 */
export interface OrientationDetector {
  detect(page: OrientationInput, signal?: AbortSignal): Promise<OrientationGuess | null>;
}

/** Per-page switches; imports of born-digital PDF pages turn the scan clean-up off. */
export interface PageOptions {
  deskew: boolean;
  crop: boolean;
  orientation: boolean;
  /** Store a colour page as gray when it has no real colour (imports; a scan keeps the operator's mode). */
  autoGray: boolean;
  /** Treat an 8-bit page as lineart (an imported 1-bit TIFF or PNG). */
  lineart: boolean;
}

export interface PipelineSettings {
  /** JPEG quality of gray and colour masters. */
  jpegQuality: number;
  thumbnailWidth: number;
  /** Largest skew searched, in degrees either way. */
  maxSkew: number;
  /** A page whose ink covers less than this share of its interior is flagged blank. */
  blankInkRatio: number;
  /** Orientation guesses below this confidence leave the page as scanned. */
  minOrientationConfidence: number;
}

export const defaultPipelineSettings: PipelineSettings = {
  jpegQuality: 85,
  thumbnailWidth: 200,
  maxSkew: 20,
  blankInkRatio: 0.00015,
  minOrientationConfidence: 2,
};

export const scanPageOptions: PageOptions = { deskew: true, crop: true, orientation: true, autoGray: false, lineart: false };

export interface ProcessedPage {
  master: Buffer;
  mediaType: 'image/tiff' | 'image/jpeg';
  width: number;
  height: number;
  /** null when the source did not say (a photo without density). */
  dpi: number | null;
  skewDegrees: number;
  rotated: QuarterTurn;
  blank: boolean;
  inkRatio: number;
  thumbnail: Buffer;
  thumbnailMediaType: 'image/jpeg';
  /** Problems that did not stop the page, e.g. orientation could not be checked. */
  warnings: { code: 'ORIENTATION_UNAVAILABLE'; message: string }[];
}
