import { z } from 'zod';
import { CourtError } from '../contract/index.js';

/** Languages with installed tesseract models; anything else is refused before a process starts. */
export const OcrLangSchema = z.enum(['chi_sim', 'chi_tra', 'eng', 'bod']);
export type OcrLang = z.infer<typeof OcrLangSchema>;

export const DEFAULT_OCR_LANGS: readonly OcrLang[] = ['chi_sim', 'eng'];

const OcrLangsSchema = z.array(OcrLangSchema).min(1).max(4);

/** Validates a language list from any caller (CLI flag, queue row, RPC) and removes repeats. */
export function validateLangs(langs: readonly unknown[]): OcrLang[] {
  const parsed = OcrLangsSchema.safeParse(langs);
  if (!parsed.success) {
    throw new CourtError('OCR_LANG_UNSUPPORTED', { details: { langs: langs.map(String) } });
  }
  return [...new Set(parsed.data)];
}

/** Parses tesseract-style `chi_sim+eng`. */
export function parseLangs(spec: string): OcrLang[] {
  return validateLangs(spec.split('+').map((s) => s.trim()));
}

export interface OcrBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface OcrWord {
  text: string;
  /** Pixels of the recognised image, origin top left, x1/y1 exclusive. */
  bbox: OcrBox;
  /** Engine confidence, 0–100. */
  conf: number;
  /** 1-based line number, unique across the page in reading order. */
  line: number;
  /** 1-based text block (column, heading, stamp…) as the engine segmented the page. */
  block: number;
}

export interface OcrResult {
  /** Normalised text: lines joined by \n, paragraphs by a blank line. */
  text: string;
  words: OcrWord[];
  width: number;
  height: number;
  langs: OcrLang[];
  /** Engine name and version, stored with the text so results can be traced and redone. */
  engine: string;
}

/** An image file, or its bytes; `page` (1-based) picks a page of a PDF. */
export type OcrImage = { file: string; page?: number } | { bytes: Uint8Array; page?: number };

export interface OcrOptions {
  langs: readonly OcrLang[];
  /** Aborting kills the recognition process; the promise then rejects with OCR_CANCELLED. */
  signal?: AbortSignal;
}

export interface OcrEngine {
  recognize(image: OcrImage, opts: OcrOptions): Promise<OcrResult>;
}
