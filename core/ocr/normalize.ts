import type { OcrBox, OcrWord } from './port.js';

/**
 * Tesseract splits Chinese into one "word" per character or two and mixes ASCII punctuation
 * into Chinese sentences ('原告: 张 三 ,'), which breaks search, copying and cataloguing.
 * These rules rebuild the text the way a Chinese document is written: no spaces around Hanzi
 * or full-width punctuation, full-width punctuation in Chinese context, single spaces between
 * Latin words and numbers. Word boxes are never used for spacing: tesseract's CJK word boxes
 * overlap and are too unreliable to measure gaps with.
 */

/** One recognised word as the engine reports it, in reading order. */
export interface RawWord {
  text: string;
  bbox: OcrBox;
  conf: number;
  block: number;
  par: number;
  /** The engine's line number within the paragraph. */
  line: number;
}

const HAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}]/u;
const WIDE_PUNCT = /[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\ufe30-\ufe4f\u2018\u2019\u201c\u201d\u2026\u2014]/u;
const OPENERS = new Set(['(', '（']);
const CLOSERS = new Set([')', '）']);
const HALF_TO_FULL: Record<string, string> = { ',': '，', ':': '：', ';': '；', '!': '！', '?': '？', '(': '（', ')': '）', '.': '。' };
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/gu;
const FULLWIDTH_ALNUM = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/gu;
const DIGIT = /[0-9]/;

const isHan = (c: string | undefined) => c !== undefined && HAN.test(c);
/** Characters that take no space on either side in Chinese typesetting. */
const isWide = (c: string | undefined) => c !== undefined && (HAN.test(c) || WIDE_PUNCT.test(c));

/** Unicode composition, full-width letters and digits to ASCII (so '２０２４' matches '2024'), no invisible characters. */
function cleanToken(token: string): string {
  return token
    .normalize('NFC')
    .replace(ZERO_WIDTH, '')
    .replace(FULLWIDTH_ALNUM, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/gu, '');
}

/** Half-width punctuation that touches Chinese becomes full-width; decided over the whole line, across word boundaries. */
function widenPunctuation(chars: string[]): string[] {
  const out = [...chars];
  const touchesWide = (i: number) => isWide(chars[i - 1]) || isWide(chars[i + 1]);
  const stack: number[] = [];
  const pairs = new Map<number, number>();
  chars.forEach((c, i) => {
    if (OPENERS.has(c)) stack.push(i);
    else if (CLOSERS.has(c) && stack.length > 0) pairs.set(stack.pop()!, i);
  });
  const paired = new Set([...pairs.keys(), ...pairs.values()]);
  for (const [open, close] of pairs) {
    const chinese =
      chars[open] === '（' ||
      chars[close] === '）' ||
      isWide(chars[open - 1]) ||
      isWide(chars[close + 1]) ||
      chars.slice(open + 1, close).some(isHan);
    if (chinese) {
      out[open] = '（';
      out[close] = '）';
    }
  }
  chars.forEach((c, i) => {
    if (!(c in HALF_TO_FULL) || paired.has(i)) return;
    // A full stop only after Chinese, and never inside a number or a clause number such as 第3.2条.
    const widen = c === '.' ? isWide(chars[i - 1]) && !DIGIT.test(chars[i + 1] ?? '') : touchesWide(i);
    if (widen) out[i] = HALF_TO_FULL[c];
  });
  return out;
}

/** Normalises one line given as the engine's words; returns the words' new texts and the joined line. */
function normalizeLine(tokens: string[]): { texts: string[]; line: string } {
  const cleaned = tokens.map(cleanToken);
  const chars = cleaned.flatMap((t) => [...t]);
  const widened = widenPunctuation(chars);
  let at = 0;
  const texts = cleaned.map((t) => {
    const n = [...t].length;
    const text = widened.slice(at, at + n).join('');
    at += n;
    return text;
  });
  let line = '';
  for (const text of texts) {
    if (!text) continue;
    const glue = line && !isWide(line.at(-1)) && !isWide([...text][0]) ? ' ' : '';
    line += glue + text;
  }
  return { texts, line };
}

/** Normalises plain OCR text (such as tesseract's own output): line breaks are kept, blank lines collapse to one. */
export function normalizeText(text: string): string {
  const lines = text.split(/\r?\n/).map((l) => normalizeLine(l.split(/[\s\u3000]+/u)).line);
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Builds the page text and the word list from the engine's words: a line per engine line, a blank line between paragraphs. */
export function buildPageText(raw: readonly RawWord[]): { text: string; words: OcrWord[] } {
  const lines: RawWord[][] = [];
  let current: RawWord[] = [];
  raw.forEach((w, i) => {
    const prev = raw[i - 1];
    if (prev && (prev.block !== w.block || prev.par !== w.par || prev.line !== w.line)) {
      lines.push(current);
      current = [];
    }
    current.push(w);
  });
  if (current.length > 0) lines.push(current);

  const words: OcrWord[] = [];
  let text = '';
  let lineNo = 0;
  let last: RawWord | undefined;
  for (const lineWords of lines) {
    const { texts, line } = normalizeLine(lineWords.map((w) => w.text));
    if (!line) continue;
    lineNo += 1;
    if (last) text += last.block === lineWords[0].block && last.par === lineWords[0].par ? '\n' : '\n\n';
    text += line;
    last = lineWords[0];
    lineWords.forEach((w, i) => {
      if (texts[i]) words.push({ text: texts[i], bbox: { ...w.bbox }, conf: Math.round(w.conf * 100) / 100, line: lineNo, block: w.block });
    });
  }
  return { text, words };
}
