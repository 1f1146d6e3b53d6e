import { z } from 'zod';
import { parseCaseNumber } from '../../cases/caseNumber.js';
import { CourtError } from '../../contract/index.js';

/**
 * What a printed sheet's codes carry, as UTF-8 text in the QR code:
 *   CDSEP1|case|（2024）苏0508民初1234号          cover sheet: the pages after it belong to that case
 *   CDSEP1|doc|（2024）苏0508民初1234号|起诉状    separator: a new document of that category starts
 * The version sits in the prefix so a later format can be told apart instead of misread.
 */
export const PAYLOAD_PREFIX = 'CDSEP1';

export type SeparatorPayload = { kind: 'case'; caseNumber: string } | { kind: 'doc'; caseNumber: string; category: string };

const CATEGORY = /^[^|~\p{Cc}]{1,20}$/u;

const caseNumber = z.string().transform((s, ctx) => {
  try {
    return parseCaseNumber(s).canonical;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'case number' });
    return z.NEVER;
  }
});

const PartsSchema = z.union([
  z.tuple([z.literal(PAYLOAD_PREFIX), z.literal('case'), caseNumber]).transform(([, , n]): SeparatorPayload => ({ kind: 'case', caseNumber: n })),
  z
    .tuple([z.literal(PAYLOAD_PREFIX), z.literal('doc'), caseNumber, z.string().trim().regex(CATEGORY)])
    .transform(([, , n, category]): SeparatorPayload => ({ kind: 'doc', caseNumber: n, category })),
]);

/** Checks an operator's category before it is printed; throws SEPARATOR_CATEGORY_INVALID. */
export function checkCategory(input: string): string {
  const category = input.trim();
  if (!CATEGORY.test(category)) throw new CourtError('SEPARATOR_CATEGORY_INVALID', { details: { input } });
  return category;
}

export function formatPayload(p: SeparatorPayload): string {
  const number = parseCaseNumber(p.caseNumber).canonical;
  return p.kind === 'case' ? `${PAYLOAD_PREFIX}|case|${number}` : `${PAYLOAD_PREFIX}|doc|${number}|${checkCategory(p.category)}`;
}

/** Decoded text from a page, which may be anyone's barcode: ours and valid, or null. */
export function parsePayload(text: string): SeparatorPayload | null {
  if (!text.startsWith(`${PAYLOAD_PREFIX}|`)) return null;
  const parsed = PartsSchema.safeParse(fromAscii(text).split('|'));
  return parsed.success ? parsed.data : null;
}

/**
 * Code 128 carries only ASCII, so the linear code holds the same payload with each other
 * character as ~XXXX (UTF-16 code unit, hex) and the 案号 brackets half-width, e.g.
 * CDSEP1|case|(2024)~82CF0508~6C11~521D1234~53F7. The QR text never holds a ~ (categories may not).
 */
export function toAscii(p: SeparatorPayload): string {
  return formatPayload(p)
    .replace('（', '(')
    .replace('）', ')')
    .replace(/[^\x20-\x7d]/g, (c) => `~${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

const fromAscii = (text: string) => text.replace(/~([0-9A-F]{4})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
