import { CourtError } from '../contract/index.js';
import { decodeBase64, type NoteSigner, type NoteVerifier } from './keys/noteKeys.js';
import { isNoteText, openNote, signNote, type OpenedNote } from './note.js';

// The transparency-dev checkpoint (github.com/transparency-dev/formats, log/README.md):
//   <origin>\n<tree size, decimal>\n<base64 root hash>\n[extension lines]
// carried as the text of a signed note whose first signature is the log's own.

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  /** Opaque extra lines; the format leaves them to the log (none of ours carry a clock). */
  extensions: string[];
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;

function malformed(why: string, whyEn: string): CourtError {
  return new CourtError('LEDGER_CHECKPOINT_MALFORMED', { message: `签名检查点格式错误：${why}`, messageEn: `Malformed checkpoint: ${whyEn}` });
}

function checkLine(line: string, what: string): void {
  if (line.length === 0 || !isNoteText(line, false)) throw malformed(`${what}不能为空或含控制字符`, `${what} must be non-empty text without control characters`);
}

export function formatCheckpoint(cp: Checkpoint): string {
  checkLine(cp.origin, '来源');
  if (!Number.isSafeInteger(cp.size) || cp.size < 0) throw malformed('树大小无效', 'invalid tree size');
  for (const e of cp.extensions) checkLine(e, '扩展行');
  const root = Buffer.from(cp.rootHash.buffer, cp.rootHash.byteOffset, cp.rootHash.byteLength).toString('base64');
  return [cp.origin, String(cp.size), root, ...cp.extensions].join('\n') + '\n';
}

/** Parses a checkpoint body (the note text); rejects anything log/checkpoint.go would, and blank extension lines. */
export function parseCheckpointBody(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw malformed('正文须以换行结尾', 'body must end in a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw malformed('至少需要来源、大小、根哈希三行', 'needs origin, size and root hash lines');
  const [origin, sizeText, rootText, ...extensions] = lines;
  if (origin.length === 0) throw malformed('来源为空', 'empty origin');
  if (!DECIMAL.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) throw malformed(`树大小无效：${sizeText}`, `invalid tree size ${sizeText}`);
  const rootHash = decodeBase64(rootText);
  if (!rootHash) throw malformed('根哈希不是有效的 Base64', 'root hash is not base64');
  for (const e of extensions) if (e.length === 0) throw malformed('扩展行不能为空', 'blank extension line');
  return { origin, size: Number(sizeText), rootHash: new Uint8Array(rootHash), extensions };
}

export async function signCheckpoint(cp: Checkpoint, signer: NoteSigner): Promise<string> {
  return signNote(formatCheckpoint(cp), [signer]);
}

export interface OpenedCheckpoint {
  checkpoint: Checkpoint;
  note: OpenedNote;
}

/**
 * Verifies and parses a signed checkpoint, as log.ParseCheckpoint does: the log's own key
 * must have signed it, the body must parse, and the origin must be the one expected.
 * Witness or co-signer keys may be passed as `others`; their signatures are checked too.
 */
export function openCheckpoint(signed: string | Uint8Array, opts: { origin: string; log: NoteVerifier; others?: readonly NoteVerifier[] }): OpenedCheckpoint {
  const note = openNote(signed, [opts.log, ...(opts.others ?? [])]);
  if (!note.sigs.some((s) => s.name === opts.log.name && s.keyHash === opts.log.keyHash)) {
    throw new CourtError('LEDGER_UNKNOWN_KEY', {
      message: `检查点缺少日志密钥 ${opts.log.name} 的签名`,
      messageEn: `Checkpoint is not signed by the log key ${opts.log.name}`,
    });
  }
  const checkpoint = parseCheckpointBody(note.text);
  if (checkpoint.origin !== opts.origin) {
    throw new CourtError('LEDGER_ORIGIN_MISMATCH', {
      message: `检查点来源为“${checkpoint.origin}”，预期为“${opts.origin}”`,
      messageEn: `Checkpoint origin is "${checkpoint.origin}", expected "${opts.origin}"`,
      details: { origin: checkpoint.origin, expected: opts.origin },
    });
  }
  return { checkpoint, note };
}
