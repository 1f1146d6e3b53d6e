import { CourtError } from '../contract/index.js';
import { decodeBase64, isValidKeyName, type NoteSigner, type NoteVerifier } from './keys/noteKeys.js';

// Signed notes as golang.org/x/mod/sumdb/note defines them: a text ending in "\n", a blank
// line, then one line per signature: "— <key name> <base64(4-byte key hash ‖ signature)>".
// A signature covers the text including its final newline, not the blank line.

export interface NoteSignature {
  name: string;
  keyHash: number;
  base64: string;
}

export interface OpenedNote {
  text: string;
  /** Signatures checked against a known verifier. */
  sigs: NoteSignature[];
  /** Well-formed signatures by keys we do not know; never evidence of anything. */
  unverifiedSigs: NoteSignature[];
}

const SIG_PREFIX = '\u2014 ';
const MAX_SIGNATURES = 100;
const LONE_SURROGATE = /\p{Cs}/u;

/** False for ASCII control characters (newline allowed only if asked) and for lone surrogates, which have no UTF-8 form. */
export function isNoteText(text: string, allowNewline: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && !(allowNewline && c === 0x0a)) return false;
  }
  return !LONE_SURROGATE.test(text);
}
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function malformed(why: string, whyEn: string): CourtError {
  return new CourtError('LEDGER_CHECKPOINT_MALFORMED', { message: `签名检查点格式错误：${why}`, messageEn: `Malformed signed note: ${whyEn}` });
}

function signatureLine(name: string, keyHash: number, sig: Uint8Array): { line: string; base64: string } {
  const raw = Buffer.alloc(4 + sig.length);
  raw.writeUInt32BE(keyHash >>> 0, 0);
  raw.set(sig, 4);
  const base64 = raw.toString('base64');
  return { line: `${SIG_PREFIX}${name} ${base64}\n`, base64 };
}

/** Signs `text` (which must end in a newline) with each signer, in order. */
export async function signNote(text: string, signers: readonly NoteSigner[]): Promise<string> {
  if (!text.endsWith('\n') || !isNoteText(text, true)) throw malformed('正文须以换行结尾且不含控制字符', 'text must end in a newline and hold no control characters');
  const message = Buffer.from(text, 'utf8');
  let out = `${text}\n`;
  for (const s of signers) {
    if (!isValidKeyName(s.name)) throw malformed(`签名密钥名称无效：${s.name}`, `invalid signer name ${s.name}`);
    out += signatureLine(s.name, s.keyHash, await s.sign(message)).line;
  }
  return out;
}

/**
 * Parses a signed note and checks each signature whose (name, key hash) is known.
 * Like note.Open: a known key with a bad signature fails the whole note; unknown keys
 * are set aside; a note with no verified signature is refused.
 */
export function openNote(msg: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  let textAll: string;
  if (typeof msg === 'string') textAll = msg;
  else {
    try {
      textAll = utf8.decode(msg);
    } catch {
      throw malformed('不是有效的 UTF-8 文本', 'not valid UTF-8');
    }
  }
  if (!isNoteText(textAll, true)) throw malformed('含有控制字符', 'contains control characters');
  const split = textAll.lastIndexOf('\n\n');
  if (split < 0) throw malformed('缺少正文与签名之间的空行', 'no blank line before the signatures');
  const text = textAll.slice(0, split + 1);
  const block = textAll.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) throw malformed('签名行须以换行结尾', 'signature block must end in a newline');

  const known = new Map<string, NoteVerifier>();
  for (const v of verifiers) {
    const id = `${v.name}+${v.keyHash}`;
    if (known.has(id)) {
      throw new CourtError('LEDGER_KEY_INVALID', { message: `验证公钥重复：${v.name}`, messageEn: `Ambiguous verifier key ${v.name}` });
    }
    known.set(id, v);
  }

  const message = Buffer.from(text, 'utf8');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw malformed(`签名超过 ${MAX_SIGNATURES} 个`, `more than ${MAX_SIGNATURES} signatures`);
  const note: OpenedNote = { text, sigs: [], unverifiedSigs: [] };
  const seen = new Set<string>();
  for (const line of lines) {
    if (!line.startsWith(SIG_PREFIX)) throw malformed('签名行应以“— ”开头', 'signature line must start with an em dash and a space');
    const body = line.slice(SIG_PREFIX.length);
    const space = body.indexOf(' ');
    const name = space < 0 ? body : body.slice(0, space);
    const b64 = space < 0 ? '' : body.slice(space + 1);
    const raw = decodeBase64(b64);
    if (!raw || b64 === '' || raw.length < 5 || !isValidKeyName(name)) throw malformed('签名行无法解析', 'unparsable signature line');
    const keyHash = raw.readUInt32BE(0);
    const id = `${name}+${keyHash}`;
    const verifier = known.get(id);
    if (seen.has(verifier ? id : line)) continue;
    seen.add(verifier ? id : line);
    if (!verifier) {
      note.unverifiedSigs.push({ name, keyHash, base64: b64 });
      continue;
    }
    if (!verifier.verify(message, raw.subarray(4))) {
      throw new CourtError('LEDGER_SIGNATURE_INVALID', {
        details: { key: `${name}+${keyHash.toString(16).padStart(8, '0')}` },
      });
    }
    note.sigs.push({ name, keyHash, base64: b64 });
  }
  if (note.sigs.length === 0) {
    throw new CourtError('LEDGER_UNKNOWN_KEY', { details: { signers: note.unverifiedSigs.map((s) => s.name) } });
  }
  return note;
}
