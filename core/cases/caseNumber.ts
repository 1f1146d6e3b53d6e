import { CourtError } from '../contract/index.js';
import { caseTypeCodes } from './caseTypes.js';

export interface CaseNumber {
  /** Canonical form with full-width brackets, e.g. （2024）苏0508民初1234号 */
  canonical: string;
  year: number;
  courtCode: string;
  typeCode: string;
  sequence: number;
}

/** Province-level court abbreviations (法院代字), plus 兵 (兵团) and 军 (military courts). */
const PROVINCES = '京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新兵军';

const SHAPE = new RegExp(
  `^[（(]\\s*(\\d{4})\\s*[）)]\\s*(最高法|[${PROVINCES}](?:\\d{2}){0,3})\\s*(\\D+?)\\s*(\\d{1,6})\\s*号$`,
);

function toHalfWidthDigits(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

function invalid(input: string, why: string, whyEn: string): CourtError {
  return new CourtError('INVALID_CASE_NUMBER', {
    message: `案号格式无效：${why}（输入：${input}）`,
    messageEn: `Invalid case number: ${whyEn} (input: ${input})`,
    details: { input },
  });
}

/** Parses and normalises a 案号; throws INVALID_CASE_NUMBER naming what is wrong. */
export function parseCaseNumber(input: string, now = new Date()): CaseNumber {
  const text = toHalfWidthDigits(input.trim());
  const m = SHAPE.exec(text);
  if (!m) {
    throw invalid(
      input,
      '应为“（年份）法院代字类型代字序号号”',
      'expected "(year)court-code type-code sequence 号", e.g. (2024)苏0508民初1234号',
    );
  }
  const [, yearText, courtCode, typeText, seqText] = m;
  const year = Number(yearText);
  if (year < 1949 || year > now.getFullYear() + 1) throw invalid(input, `年份 ${year} 不在有效范围内`, `year ${year} out of range`);
  const typeCode = typeText;
  if (!Object.hasOwn(caseTypeCodes, typeCode)) throw invalid(input, `无法识别的类型代字“${typeText}”`, `unknown case-type code "${typeText}"`);
  const sequence = Number(seqText);
  if (sequence < 1) throw invalid(input, '序号必须从 1 开始', 'sequence must start at 1');
  return { canonical: `（${year}）${courtCode}${typeCode}${sequence}号`, year, courtCode, typeCode, sequence };
}

