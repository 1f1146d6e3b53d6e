import { parseChineseInteger } from './fields/chineseNumerals.js';
import type { Category } from './standards.js';

/**
 * Reading the layout of a page from its OCR text: which lines are titles or letterheads, page
 * counters, closing blocks and separator sheets. OCR text keeps the page's lines, so the first
 * lines of the text are the top of the page.
 */

/** Characters tesseract reads for one another in headings; only unambiguous look-alikes. */
const CONFUSABLES: Record<string, string> = { 亊: '事', 巿: '市', 囗: '口', 狀: '状', 書: '书', 訴: '诉', 決: '决' };
const DECORATION = /[\s\u3000·•●◆■□★☆丨|_~*#＊"“”'‘’「」『』《》【】〔〕\-—–=]/gu;
const EDGE_PUNCT = /^[。.：:，,；;！!、]+|[。.：:，,；;！!、]+$/gu;
/** A bracketed note after a title: （副本）, (第二联), （民间借贷纠纷）. */
const TRAILING_NOTE = /[（(][^（()）]{1,16}[)）]$/u;

export function pageLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** A line as a title is compared: no spaces, decorations, edge punctuation or trailing note; NFKC folds full-width forms. */
export function normaliseTitle(line: string): string {
  let s = line.normalize('NFKC').replace(DECORATION, '').replace(EDGE_PUNCT, '');
  s = [...s].map((c) => CONFUSABLES[c] ?? c).join('');
  while (TRAILING_NOTE.test(s) && s.replace(TRAILING_NOTE, '').length >= 2) s = s.replace(TRAILING_NOTE, '');
  return s;
}

export interface PageCounter {
  /** 1-based page number within the document. */
  index: number;
  total?: number;
}

const NUM = '([0-9]{1,3}|[一二三四五六七八九十]{1,3})';
const COUNTER_PATTERNS: { re: RegExp; index: number; total?: number }[] = [
  { re: new RegExp(`第${NUM}页[,，、]?共${NUM}页`, 'u'), index: 1, total: 2 },
  { re: new RegExp(`共${NUM}页[,，、]?第${NUM}页`, 'u'), index: 2, total: 1 },
  { re: new RegExp(`^${NUM}/${NUM}$`, 'u'), index: 1, total: 2 },
  { re: /^[-—–]([0-9]{1,3})[-—–]$/u, index: 1 },
  { re: new RegExp(`^第${NUM}页$`, 'u'), index: 1 },
];

const toInt = (s: string) => (/^[0-9]+$/.test(s) ? Number(s) : parseChineseInteger(s));

/** 第2页共5页, 共5页第2页, 2/5 or - 2 - on a line of its own. */
export function findCounter(lines: readonly string[]): PageCounter | null {
  for (const line of lines) {
    const compact = line.normalize('NFKC').replace(/\s+/g, '');
    for (const p of COUNTER_PATTERNS) {
      const m = p.re.exec(compact);
      if (!m) continue;
      const index = toInt(m[p.index]);
      const total = p.total ? toInt(m[p.total]) : undefined;
      if (index === null || index < 1 || (total !== undefined && (total === null || total < index))) continue;
      return total ? { index, total } : { index };
    }
  }
  return null;
}

const COUNTER_LINE = /^(?:第\S{1,3}页[,，、]?共\S{1,3}页|共\S{1,3}页[,，、]?第\S{1,3}页|[0-9]{1,3}\/[0-9]{1,3}|[-—–][0-9]{1,3}[-—–]|第\S{1,3}页)$/u;

/** Page numbers, counters, stray marks: lines that say nothing about what the page is. */
export function isNoiseLine(line: string): boolean {
  const s = line.normalize('NFKC').replace(/\s+/g, '');
  if (COUNTER_LINE.test(s)) return true;
  const meaningful = s.replace(/[^\p{Script=Han}A-Za-z0-9]/gu, '');
  if (meaningful.length === 0) return true;
  return meaningful.length <= 2 && !/\p{Script=Han}{2}/u.test(meaningful);
}

/** The first lines of the page that carry content: where a letterhead and title are printed. */
export function topLines(text: string, count = 6): string[] {
  return pageLines(text)
    .filter((l) => !isNoiseLine(l))
    .slice(0, count);
}

/** The last lines below the heading block: a short page's party lines (答辩人：…) are not its signature. */
export function bottomLines(text: string, count = 4, skipTop = 3): string[] {
  const lines = pageLines(text).filter((l) => !isNoiseLine(l));
  return lines.slice(Math.max(skipTop, lines.length - count));
}

/** Issuing bodies whose name heads a page: courts, procuratorates, law firms, companies, agencies. */
const HEADING = /^.{2,32}(?:人民法院|人民检察院|律师事务所|公安局|分局|有限公司|有限责任公司|仲裁委员会|人民政府|委员会|法院)$/u;

export function headingOf(lines: readonly string[]): string | null {
  const first = lines[0] ? normaliseTitle(lines[0]) : '';
  return HEADING.test(first) ? first : null;
}

export interface TitleHit {
  categoryId: string;
  /** The title as printed (trimmed), for the catalogue entry. */
  title: string;
  /** Index of the line among the top lines. */
  line: number;
}

const MAX_TITLE = 26;

/** A line can carry the letterhead and the title together: 江苏省苏州市中级人民法院民事判决书. */
const HEADED_TITLE = /^.{2,30}?(?:人民法院|人民检察院|律师事务所)(.{2,})$/u;

function titleCandidates(line: string): string[] {
  const norm = normaliseTitle(line);
  const headed = HEADED_TITLE.exec(norm);
  return headed ? [norm, headed[1]] : [norm];
}

/** Categories whose title pattern matches the first title-like line near the top. */
export function matchTitles(lines: readonly string[], categories: readonly Category[]): TitleHit[] {
  for (let i = 0; i < lines.length; i++) {
    const hits: TitleHit[] = [];
    for (const candidate of titleCandidates(lines[i])) {
      if (candidate.length < 2 || candidate.length > MAX_TITLE) continue;
      for (const c of categories) {
        if (hits.some((h) => h.categoryId === c.id)) continue;
        if (c.patterns.some((p) => p.test(candidate))) hits.push({ categoryId: c.id, title: candidate, line: i });
      }
    }
    if (hits.length > 0) return hits;
  }
  return [];
}

/** A signature line: the role and a name only, no sentence (审判长 易某, 具状人：马某某), unlike dialogue in a record. */
const SIGNATURE = /^(?:审判长|审判员|人民陪审员|书记员|法官助理|执行员|检察员|具状人|起诉人|答辩人|上诉人|申请人|申请执行人|委托人|受托人|辩护人|代理人|异议人)[:：]?[^。，,；;！？?!：:]{1,30}$/u;
const CLOSING = /^(?:此致|特此(?:通知|证明|函告|公告)|[（(]?(?:院印|公章|盖章|印章)[)）]?)[。.]?$|签名[:：]|签字[:：]|[（(](?:签名|盖章|公章|捺印)[)）]$/u;
const DATE_LINE = /^(?:[0-9]{4}|[〇零○O一二三四五六七八九]{4})年[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}[日曰]$/u;

/** The last lines look like the end of a document: signatures, 此致, a seal, a date standing alone. */
export function endsDocument(text: string): boolean {
  return bottomLines(text).some((l) => {
    const s = l.normalize('NFKC').replace(/\s+/g, '');
    return SIGNATURE.test(s) || CLOSING.test(s) || DATE_LINE.test(s.replace(/[（(].*[)）]$/u, ''));
  });
}

const SEPARATOR = /^(?:文书|材料|卷宗)?(?:分隔|隔离)(?:页|单|纸|标识)$/u;

/** A separator sheet the scanning staff put between documents (printed 分隔页, little else). */
export function isSeparatorText(text: string): boolean {
  const lines = pageLines(text);
  return lines.length <= 4 && lines.some((l) => SEPARATOR.test(normaliseTitle(l)));
}
