import { describe, expect, it } from 'vitest';
import { detectBoundaries, segmentPages, type BoundaryPage } from '../../../core/catalogue/boundaries.js';
import { pageLayout } from '../../../core/catalogue/pageLayout.js';
import { loadStandards } from '../../../core/catalogue/standards.js';

const categories = loadStandards().forCaseType('民初').categories;
const split = (pages: BoundaryPage[]) => segmentPages(detectBoundaries(pages, { categories })).map((s) => [s.from, s.to]);

describe('document boundaries', () => {
  it('starts a document at each title and keeps untitled pages with the one before', () => {
    const pages = [
      { text: '民事起诉状\n原告：张三\n诉讼请求：' },
      { text: '事实与理由：被告借款未还。\n为此诉至贵院。' },
      { text: '授权委托书\n委托人：张三' },
      { text: '送达回证\n受送达人 李四' },
    ];
    expect(split(pages)).toEqual([
      [0, 1],
      [2, 2],
      [3, 3],
    ]);
  });

  it('follows 第x页共y页: page 1 starts a document even without a title, later pages continue it', () => {
    const pages = [
      { text: '答辩状\n答辩人：李四' },
      { text: '说明一\n第1页 共2页' },
      { text: '说明二\n第2页 共2页' },
      { text: '欠条\n今欠张三一万元\n第 2 页 共 2 页' },
    ];
    expect(split(pages)).toEqual([
      [0, 0],
      [1, 3],
    ]);
  });

  it('keeps blank pages (backs of sheets) inside the document and leaves separator sheets out', () => {
    const pages: BoundaryPage[] = [
      { text: '民事起诉状\n原告：张三' },
      { text: '', blank: true },
      { text: '分隔页' },
      { text: '正文，没有标题' },
      { text: '', blank: true, separator: true },
      { text: '又一页正文' },
    ];
    expect(split(pages)).toEqual([
      [0, 1],
      [3, 3],
      [5, 5],
    ]);
    const b = detectBoundaries(pages, { categories });
    expect(b[2]).toMatchObject({ separator: true });
    expect(b[3]).toMatchObject({ start: true, reasons: ['分隔页之后'] });
  });

  it('weighs a new letterhead and a signed-off previous page together', () => {
    const pages = [
      { text: '张三的陈述\n第一段\n第二段\n第三段\n陈述人：张三\n2023年5月6日' },
      { text: '苏州市吴中区人民法院\n关于本案的说明\n本院认为' },
      { text: '本院认为，继续说明。' },
    ];
    const b = detectBoundaries(pages, { categories });
    expect(b.map((x) => x.start)).toEqual([true, true, false]);
    expect(b[1].reasons).toEqual(['抬头“苏州市吴中区人民法院”', '上页有落款']);
    expect(b[1].confidence).toBeGreaterThan(0.8);
  });

  it('uses counters from the layout when given instead of the text', () => {
    const pages: BoundaryPage[] = [
      { text: '民事判决书\n原告张三', counter: { index: 1, total: 2 } },
      { text: '民事判决书\n（续）', counter: { index: 2, total: 2 } },
    ];
    expect(split(pages)).toEqual([[0, 1]]);
  });
});

describe('layout from the OCR word boxes', () => {
  /** 30 words of body text set at `height` px on a 2480×3508 page, starting `left` px in. */
  const setIn = (height: number, left = 250) =>
    pageLayout(
      Array.from({ length: 30 }, (_, i) => ({ text: '原告诉称', bbox: { x0: left + (i % 5) * 300, y0: 400 + i * height * 2, x1: left + (i % 5) * 300 + 4 * height, y1: 400 + i * height * 2 + height } })),
      { width: 2480, height: 3508 },
    );

  it('reads type size and margin relative to the page, and nothing from a page with few words', () => {
    expect(setIn(42)).toEqual({ charHeight: 42 / 3508, leftMargin: 250 / 2480 });
    expect(pageLayout([{ text: '签名', bbox: { x0: 0, y0: 0, x1: 10, y1: 10 } }], { width: 2480, height: 3508 })).toBeNull();
  });

  it('starts a document, for review, where the type changes with no title or counter to say so', () => {
    const body = '事实与理由：被告借款未还，经多次催要未果。';
    const pages: BoundaryPage[] = [
      { text: `民事起诉状\n${body}`, layout: setIn(42) },
      { text: body, layout: setIn(42) },
      { text: body, layout: setIn(64) },
      { text: body, layout: setIn(64) },
    ];
    const boundaries = detectBoundaries(pages, { categories });
    expect(segmentPages(boundaries).map((s) => [s.from, s.to])).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(boundaries[2].reasons).toContain('版式变化');
    expect(boundaries[2].confidence).toBeLessThan(0.6);
    // Without the word boxes the same text reads as one document.
    expect(split(pages.map((p) => ({ text: p.text })))).toEqual([[0, 3]]);
  });
});
