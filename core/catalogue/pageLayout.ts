/** A word as OCR stored it (page_text.words_json): enough of it to see how the page is set. */
export interface LayoutWord {
  text: string;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}

/** How a page of text is set, relative to its own size, so pages scanned at different resolutions compare. */
export interface PageLayout {
  /** Median height of a line of Chinese text, as a share of the page's height: the type size. */
  charHeight: number;
  /** Where the text starts on the left (10th percentile of word starts), as a share of the page's width. */
  leftMargin: number;
}

/** Too few words say nothing reliable about the type. */
const MIN_WORDS = 20;
const HAN = /\p{Script=Han}/u;

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

export function pageLayout(words: readonly LayoutWord[], page: { width: number; height: number }): PageLayout | null {
  if (page.width <= 0 || page.height <= 0) return null;
  const han = words.filter((w) => HAN.test(w.text) && w.bbox.y1 > w.bbox.y0);
  if (han.length < MIN_WORDS) return null;
  return {
    charHeight: quantile(han.map((w) => w.bbox.y1 - w.bbox.y0), 0.5) / page.height,
    leftMargin: quantile(han.map((w) => w.bbox.x0), 0.1) / page.width,
  };
}

/** Type a third larger or smaller, or text moved by a tenth of the page: set by another hand or office. */
export function layoutChanged(a: PageLayout, b: PageLayout): boolean {
  const size = Math.max(a.charHeight, b.charHeight) / Math.min(a.charHeight, b.charHeight);
  return size >= 1.35 || Math.abs(a.leftMargin - b.leftMargin) >= 0.1;
}
