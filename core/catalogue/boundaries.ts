import { endsDocument, findCounter, headingOf, isSeparatorText, matchTitles, topLines, type PageCounter, type TitleHit } from './pageText.js';
import { layoutChanged, type PageLayout } from './pageLayout.js';
import type { Category } from './standards.js';

/** One page of a case in order, with whatever layout hints capture and OCR supplied. */
export interface BoundaryPage {
  text: string;
  blank?: boolean;
  /** A separator sheet put in by scanning staff (patch code, barcode or printed 分隔页). */
  separator?: boolean;
  /** Capture already read a separator sheet before this page and opened a document here. */
  opensDocument?: boolean;
  /** Top lines from the layout, when OCR knows better than the text order. */
  firstLines?: string[];
  /** 第x页共y页 read from the layout; otherwise looked for in the text. */
  counter?: PageCounter | null;
  /** Type size and margin from the OCR word boxes, when there are enough of them. */
  layout?: PageLayout | null;
}

export interface PageBoundary {
  /** This page begins a document. */
  start: boolean;
  separator: boolean;
  /** Probability that the decision (start or continuation) is right. */
  confidence: number;
  /** What decided it, for the reviewer: 标题“民事起诉状”, 第1页共3页, …. */
  reasons: string[];
  titles: TitleHit[];
}

/**
 * Log-odds that a page starts a document, added up from independent signals. Set by hand from the
 * way court files are put together and checked against the labelled dossiers in
 * tests/fixtures/catalogue (see tests/bench/catalogue.bench.ts).
 */
const W = {
  prior: -1.2,
  title: 4.2,
  newHeading: 1.2,
  sameHeading: -0.6,
  counterFirst: 3.5,
  counterFollows: -6,
  counterLater: -3.5,
  previousEnded: 1.6,
  // Alone it only just splits, with a confidence low enough to send the split to review.
  layoutChange: 1.4,
  blank: -8,
};

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

interface PageFacts {
  lines: string[];
  heading: string | null;
  counter: PageCounter | null;
  titles: TitleHit[];
}

function factsOf(page: BoundaryPage, categories: readonly Category[]): PageFacts {
  const lines = page.firstLines?.length ? page.firstLines : topLines(page.text);
  const counter = page.counter === undefined ? findCounter(page.text.split(/\r?\n/)) : page.counter;
  return { lines, heading: headingOf(lines), counter, titles: matchTitles(lines, categories) };
}

export interface BoundaryOptions {
  /** The case's catalogue categories, whose title patterns mark a document's first page. */
  categories: readonly Category[];
}

export function detectBoundaries(pages: readonly BoundaryPage[], options: BoundaryOptions): PageBoundary[] {
  const out: PageBoundary[] = [];
  let previous: { page: BoundaryPage; facts: PageFacts } | null = null;
  let afterSeparator = false;
  let open = false;
  for (const page of pages) {
    const separator = page.separator ?? isSeparatorText(page.text);
    if (separator) {
      out.push({ start: false, separator: true, confidence: 1, reasons: ['分隔页'], titles: [] });
      afterSeparator = true;
      open = false;
      continue;
    }
    const facts = factsOf(page, options.categories);
    if (!open || page.opensDocument) {
      out.push({ start: true, separator: false, confidence: 1, reasons: [afterSeparator || page.opensDocument ? '分隔页之后' : '第一页'], titles: facts.titles });
      previous = { page, facts };
      afterSeparator = false;
      open = true;
      continue;
    }
    const reasons: string[] = [];
    let score = W.prior;
    const add = (weight: number, reason: string) => {
      score += weight;
      reasons.push(reason);
    };
    if (page.blank) add(W.blank, '空白页');
    if (facts.titles.length > 0) add(W.title, `标题“${facts.titles[0].title}”`);
    if (facts.heading && facts.heading !== previous?.facts.heading) add(W.newHeading, `抬头“${facts.heading}”`);
    else if (facts.heading) add(W.sameHeading, '与上页抬头相同');
    const c = facts.counter;
    if (c?.index === 1) add(W.counterFirst, c.total ? `第1页共${c.total}页` : '第1页');
    else if (c) {
      const before = previous?.facts.counter;
      const follows = before && before.index === c.index - 1 && (before.total ?? c.total) === (c.total ?? before.total);
      add(follows ? W.counterFollows : W.counterLater, `第${c.index}页${c.total ? `共${c.total}页` : ''}`);
    }
    if (previous && !previous.page.blank && endsDocument(previous.page.text)) add(W.previousEnded, '上页有落款');
    if (page.layout && previous?.page.layout && layoutChanged(previous.page.layout, page.layout)) add(W.layoutChange, '版式变化');
    const p = sigmoid(score);
    const start = p >= 0.5;
    out.push({ start, separator: false, confidence: Math.round(Math.max(p, 1 - p) * 1000) / 1000, reasons, titles: facts.titles });
    if (!page.blank) previous = { page, facts };
  }
  return out;
}

export interface Segment {
  /** 0-based indices into the pages, inclusive; separator pages belong to no segment. */
  from: number;
  to: number;
  /** Confidence of the split that opened the segment. */
  confidence: number;
  titles: TitleHit[];
}

export function segmentPages(boundaries: readonly PageBoundary[]): Segment[] {
  const segments: Segment[] = [];
  boundaries.forEach((b, i) => {
    if (b.separator) return;
    const last = segments.at(-1);
    if (b.start || !last || last.to !== i - 1) segments.push({ from: i, to: i, confidence: b.confidence, titles: b.titles });
    else last.to = i;
  });
  return segments;
}
