import { DEFAULT_OCR_LANGS, parseLangs, type OcrEngine, type OcrResult } from './port.js';

export interface OcrFileJson extends OcrResult {
  file: string;
  page: number;
}

/**
 * `courtdesk ocr FILE [--lang chi_sim+eng] [--page N] [--json]`: the normalised text, or with
 * json the whole result (words with pixel boxes and confidences) as one serialisable object.
 * The language list is validated before anything runs.
 */
export async function ocrFileCommand(
  engine: OcrEngine,
  file: string,
  opts: { lang?: string; page?: number; json?: boolean; signal?: AbortSignal } = {},
): Promise<string | OcrFileJson> {
  const langs = opts.lang === undefined ? [...DEFAULT_OCR_LANGS] : parseLangs(opts.lang);
  const page = opts.page ?? 1;
  const result = await engine.recognize({ file, page }, { langs, signal: opts.signal });
  return opts.json ? { file, page, ...result } : result.text;
}
