/**
 * Chinese numerals as written in court documents: lower case (一万二千), financial upper case
 * (壹万贰仟), colloquial 两, placeholder 零, positional years (二〇二四) and Arabic digits mixed
 * with units (5万, 1.5亿).
 */

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, '○': 0, 一: 1, 壹: 1, 幺: 1, 二: 2, 贰: 2, 貳: 2, 两: 2, 兩: 2, 三: 3, 叁: 3, 參: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 陸: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

export const CHINESE_NUMERAL_CHARS = [...Object.keys(DIGITS), ...Object.keys(SMALL_UNITS), ...Object.keys(BIG_UNITS)].join('');

type Token = { kind: 'num'; value: number; zero: boolean } | { kind: 'small'; value: number } | { kind: 'big'; value: number };

function tokenise(input: string): Token[] | null {
  const tokens: Token[] = [];
  const re = /[0-9]+(?:\.[0-9]+)?|./gsu;
  for (const [t] of input.matchAll(re)) {
    if (/^[0-9]/.test(t)) tokens.push({ kind: 'num', value: Number(t), zero: false });
    else if (t in DIGITS) tokens.push({ kind: 'num', value: DIGITS[t], zero: DIGITS[t] === 0 });
    else if (t in SMALL_UNITS) tokens.push({ kind: 'small', value: SMALL_UNITS[t] });
    else if (t in BIG_UNITS) tokens.push({ kind: 'big', value: BIG_UNITS[t] });
    else return null;
  }
  return tokens;
}

/** 二〇二四 → 2024: digits read one after another, as in years. Two digits (五六) mean "five or six", not 56. */
function positional(tokens: Token[]): number | null {
  if (tokens.length < 3 && !tokens.some((t) => t.kind === 'num' && t.zero)) return null;
  if (!tokens.every((t) => t.kind === 'num' && Number.isInteger(t.value) && t.value <= 9)) return null;
  return Number(tokens.map((t) => t.value).join(''));
}

/**
 * Parses a number written with Chinese numerals and/or Arabic digits: 一万二千三百零五, 壹拾贰万,
 * 十五, 两万五 (= 25000), 5万, 1.5亿, 二〇二四. Returns null when the text is not a number.
 */
export function parseChineseInteger(input: string): number | null {
  const text = input.replace(/[,\s]/g, '');
  if (!text) return null;
  const tokens = tokenise(text);
  if (!tokens || tokens.length === 0) return null;
  if (!tokens.some((t) => t.kind !== 'num')) {
    if (tokens.length === 1) return tokens[0].kind === 'num' ? tokens[0].value : null;
    return positional(tokens);
  }
  let total = 0;
  let section = 0;
  let pending: number | null = null;
  /** The unit just before a trailing bare digit: 两万五 means 五千, 三百五 means 五十. */
  let lastUnit = 0;
  let zeroSinceUnit = false;
  for (const t of tokens) {
    if (t.kind === 'num') {
      if (pending !== null && !t.zero && pending !== 0) return null;
      if (t.zero) zeroSinceUnit = true;
      pending = t.zero ? (pending ?? 0) : t.value;
      continue;
    }
    if (t.kind === 'small') {
      if (pending === 0) return null;
      section += (pending ?? 1) * t.value;
    } else if (t.value === 1e8) {
      total = (total + section + (pending ?? 0)) * t.value;
      section = 0;
      if (total === 0) return null;
    } else {
      const group = section + (pending ?? 0);
      if (group === 0 && total === 0) return null;
      total += group * t.value;
      section = 0;
    }
    pending = null;
    lastUnit = t.value;
    zeroSinceUnit = false;
  }
  if (pending !== null && pending !== 0 && lastUnit >= 100 && !zeroSinceUnit) pending *= lastUnit / 10;
  return total + section + (pending ?? 0);
}

const round2 = (n: number) => Math.round(n * 100) / 100;

const FRACTION_DIGIT = `[${Object.keys(DIGITS).join('')}0-9]`;
const JIAO = new RegExp(`(${FRACTION_DIGIT})[角毛]`, 'u');
const FEN = new RegExp(`(${FRACTION_DIGIT})分`, 'u');

const digitValue = (c: string) => (/[0-9]/.test(c) ? Number(c) : DIGITS[c]);

/**
 * A sum of money as written: 人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分 → 123456.78, 伍万元整 → 50000,
 * 5万元 → 50000, 1,234.5元 → 1234.5, ¥3,000.00 → 3000. Returns null when it is not an amount.
 */
export function parseChineseAmount(input: string): number | null {
  const text = input
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^(?:人民币|RMB|CNY|[￥¥])/iu, '')
    .replace(/[整正]$/u, '');
  const m = /^(.*?)(?:[元圆块](.*))?$/u.exec(text);
  if (!m) return null;
  const onlyFraction = m[2] === undefined && /[角毛分]$/u.test(m[1]);
  const [whole, fraction] = onlyFraction ? ['', m[1]] : [m[1], m[2] ?? ''];
  if (!/^[0-9]{1,3}(?:,[0-9]{3})*(?:\.[0-9]+)?$|^[^,]*$/u.test(whole)) return null;
  const yuan = whole ? parseChineseInteger(whole) : 0;
  if (yuan === null) return null;
  let cents = 0;
  if (fraction) {
    const rest = fraction.replace(JIAO, '').replace(FEN, '').replace(/^[零〇]+|[零〇]+$/gu, '');
    if (rest) return null;
    const jiao = JIAO.exec(fraction);
    const fen = FEN.exec(fraction);
    cents = (jiao ? digitValue(jiao[1]) * 10 : 0) + (fen ? digitValue(fen[1]) : 0);
  }
  if (!whole && !cents) return null;
  return round2(yuan + cents / 100);
}
