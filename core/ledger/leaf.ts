import { CourtError } from '../contract/index.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** What a leaf records. Open-ended; these are the kinds CourtDesk writes today. */
export type LeafKind = 'page' | 'ocr' | 'catalogue' | 'export' | (string & {});

export interface LeafEntry {
  kind: LeafKind;
  subject: string;
  content: Uint8Array | JsonValue;
}

const KIND = /^[a-z][a-z0-9-]{0,31}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

function invalid(why: string, whyEn: string): CourtError {
  return new CourtError('LEDGER_LEAF_INVALID', { message: `防篡改日志记录内容无效：${why}`, messageEn: `Invalid ledger entry: ${whyEn}` });
}

/**
 * JSON with object keys sorted by UTF-16 code units and no whitespace: RFC 8785 (JCS)
 * for the values it accepts, so the same value always hashes the same.
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalid('数字必须是有限值', 'numbers must be finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  throw invalid(`不支持的 JSON 值类型 ${typeof value}`, `unsupported JSON value of type ${typeof value}`);
}

/**
 * The bytes a leaf hash commits to: kind ‖ "\n" ‖ subject ‖ "\n" ‖ content, content being
 * raw bytes or canonical JSON. Kind and subject are inside the hash so a stored entry
 * cannot be relabelled without breaking the signed tree.
 */
export function encodeLeaf(entry: LeafEntry): Uint8Array {
  if (!KIND.test(entry.kind)) throw invalid(`记录类型“${entry.kind}”不合规`, `kind "${entry.kind}" must match ${KIND}`);
  if (entry.subject.length === 0 || /[\n\r]|\p{Cs}/u.test(entry.subject)) throw invalid('主题不能为空或含换行', 'subject must be non-empty and single-line');
  const content = entry.content instanceof Uint8Array ? entry.content : Buffer.from(canonicalJson(entry.content), 'utf8');
  return Buffer.concat([Buffer.from(`${entry.kind}\n${entry.subject}\n`, 'utf8'), content]);
}

/** A page master entered the dossier; the leaf commits to its bytes' SHA-256 and nothing that may later change. */
export function pageLeaf(sha256: string): LeafEntry {
  if (!SHA256_HEX.test(sha256)) throw invalid(`不是 SHA-256：${sha256}`, `not a sha256: ${sha256}`);
  return { kind: 'page', subject: sha256, content: new Uint8Array(0) };
}

export interface ExportedPage {
  document: string;
  pageLabel: string;
  sha256: string;
}

/**
 * An e-dossier was exported with exactly these pages in this order; binds the order,
 * document titles and page labels that the page leaves alone do not.
 */
export function exportLeaf(origin: string, caseNumber: string, pages: readonly ExportedPage[]): LeafEntry {
  return {
    kind: 'export',
    subject: caseNumber,
    content: { origin, caseNumber, pages: pages.map((p) => ({ document: p.document, pageLabel: p.pageLabel, sha256: p.sha256 })) },
  };
}
