import type { RawPage } from '../pipeline/rawPage.js';

export interface PdfPageInfo {
  /** 1-based. */
  number: number;
  /** Size as displayed, after the page's own rotation, in PDF points (1/72 inch). */
  widthPt: number;
  heightPt: number;
  /** A text layer means the page was born digital (or already OCR'd): no scan clean-up needed. */
  hasText: boolean;
}

/**
 * Port: PDF pages to pixels. Both methods throw CourtError IMPORT_DAMAGED (naming the page when
 * known) or IMPORT_UNSUPPORTED, so the importer never sees a half-read document.
 */
export interface PdfRasterizer {
  inspect(file: string): Promise<PdfPageInfo[]>;
  render(file: string, page: number, dpi: number): Promise<RawPage>;
}

/** Pages render at 300 dpi; sheets so large (drawings, maps) that this would pass the limit get fewer dpi. */
export const MAX_PAGE_PIXELS = 40_000_000;

export function renderDpi(p: PdfPageInfo): number {
  const squareInches = (p.widthPt / 72) * (p.heightPt / 72);
  return Math.max(50, Math.min(300, Math.floor(Math.sqrt(MAX_PAGE_PIXELS / squareInches))));
}
