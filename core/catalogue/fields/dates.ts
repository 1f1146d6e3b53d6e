import { parseChineseInteger } from './chineseNumerals.js';

const CN_YEAR_DIGIT = '[〇零○O0一二三四五六七八九]';
const CN_SMALL = '[一二三四五六七八九十]';
/** 曰 and 目 for 日 are the commonest OCR slips in dates. */
const DAY = '[日曰目号]';

const PATTERNS: RegExp[] = [
  new RegExp(`([0-9]{4})\\s*年\\s*([0-9]{1,2})\\s*月\\s*([0-9]{1,2})\\s*${DAY}`, 'gu'),
  new RegExp(`(${CN_YEAR_DIGIT}{4})\\s*年\\s*(${CN_SMALL}{1,2})\\s*月\\s*(${CN_SMALL}{1,3})\\s*${DAY}`, 'gu'),
  /(?<![0-9])([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})(?![0-9])/gu,
];

function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const num = (s: string) => (/^[0-9]+$/.test(s) ? Number(s) : parseChineseInteger(s.replace(/[O0]/g, '〇')));

/** Every calendar date in the text as ISO 8601 (2024年3月5日, 二〇二四年三月五日, 2024-03-05), in order, without repeats. */
export function findDates(text: string): string[] {
  const hits: { at: number; iso: string }[] = [];
  const source = text.normalize('NFKC');
  for (const re of PATTERNS) {
    for (const m of source.matchAll(re)) {
      const [y, mo, d] = [num(m[1]), num(m[2]), num(m[3])];
      if (y === null || mo === null || d === null) continue;
      const iso = isoDate(y, mo, d);
      if (iso) hits.push({ at: m.index, iso });
    }
  }
  hits.sort((a, b) => a.at - b.at);
  return [...new Set(hits.map((h) => h.iso))];
}
