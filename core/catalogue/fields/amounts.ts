import { CHINESE_NUMERAL_CHARS, parseChineseAmount } from './chineseNumerals.js';

export interface Amount {
  /** Yuan, to the fen. */
  value: number;
  /** As written, for highlighting. */
  text: string;
}

const ARABIC = '[0-9]{1,3}(?:,[0-9]{3})+(?:\\.[0-9]+)?|[0-9]+(?:\\.[0-9]+)?';
const CN = `[${CHINESE_NUMERAL_CHARS}]`;
const FRACTION_DIGIT = '[零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖0-9]';
/** A number (Arabic, Chinese or both, as in 5万 or 1.5亿) followed by 元 and optional 角/分/整. */
const WITH_YUAN = new RegExp(
  `(?:人民币|¥)?\\s*(?:${ARABIC}|${CN})(?:${ARABIC}|${CN})*\\s*[元圆](?:${FRACTION_DIGIT}[角毛])?(?:${FRACTION_DIGIT}分)?[整正]?`,
  'gu',
);
/** ¥3,000.00 without 元 (NFKC has folded ￥ into ¥). */
const WITH_SIGN = new RegExp(`¥\\s*(?:${ARABIC})(?![0-9.,]*\\s*[元圆万亿])`, 'gu');

/** Sums of money in the text, in order of appearance, without repeats. */
export function findAmounts(text: string): Amount[] {
  const source = text.normalize('NFKC');
  const hits: { at: number; amount: Amount }[] = [];
  for (const re of [WITH_YUAN, WITH_SIGN]) {
    for (const m of source.matchAll(re)) {
      const written = m[0].trim();
      const value = parseChineseAmount(written);
      if (value === null || value <= 0) continue;
      hits.push({ at: m.index, amount: { value, text: written } });
    }
  }
  hits.sort((a, b) => a.at - b.at);
  const seen = new Set<string>();
  return hits
    .map((h) => h.amount)
    .filter((a) => {
      const key = `${a.value}|${a.text}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
