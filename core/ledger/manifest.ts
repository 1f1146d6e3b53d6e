import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CourtError, type ErrorCode } from '../contract/index.js';
import { openCheckpoint } from './checkpoint.js';
import { parseVerifierKey } from './keys/noteKeys.js';
import { encodeLeaf, exportLeaf, pageLeaf } from './leaf.js';
import { leafHash, toHex, verifyInclusion } from './merkle/index.js';

// The integrity manifest an exported e-dossier PDF carries: enough for anyone with the
// court's verifier key to prove, offline, that every page is the page master this
// workstation logged, in the order and under the labels it exported them.

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');
const leafIndex = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
/** Audit path, leaf upwards, hex; 64 levels covers any tree a uint64 can count. */
const inclusionProof = z.array(hex64).max(64);

export const manifestPageSchema = z.object({
  /** Title of the document (卷内文书) the page belongs to. */
  document: z.string().min(1),
  /** Label printed in the dossier's page numbering, e.g. "3" or "附-2". */
  pageLabel: z.string().min(1),
  /** SHA-256 of the page master's bytes. */
  sha256: hex64,
  leafIndex,
  inclusionProof,
});

export const manifestSchema = z.object({
  version: z.literal(1),
  origin: z.string().min(1),
  caseNumber: z.string().min(1),
  /** The signed checkpoint note, verbatim. */
  checkpoint: z.string().min(1).max(64 * 1024),
  /** The workstation's verifier key, name+hash+key; trust comes from comparing it with the court's list, not from its presence here. */
  verifierKey: z.string().min(1).max(1024),
  /** The export leaf that binds page order, labels and documents. */
  export: z.object({ leafIndex, inclusionProof }),
  pages: z.array(manifestPageSchema).min(1),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestPage = z.infer<typeof manifestPageSchema>;

export type PageProblem = 'altered' | 'missing' | 'reordered' | 'added';

export type ManifestVerdict =
  | {
      status: 'intact';
      pages: number;
      checkpoint: { origin: string; size: number; rootHash: string };
      signer: { name: string; keyHash: string; verifierKey: string };
      /** True only when the verifier key is one the caller said to trust. */
      keyTrusted: boolean;
    }
  | { status: 'untrusted-key'; verifierKey: string }
  | { status: 'invalid-manifest'; code: ErrorCode; reason: string; page?: { position: number; document: string; pageLabel: string } }
  | {
      status: PageProblem;
      /** 1-based page number in the file being checked. */
      position: number;
      document: string;
      pageLabel?: string;
      expectedSha256?: string;
      actualSha256?: string;
    };

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const fromHex = (h: string) => Buffer.from(h, 'hex');

function invalid(code: ErrorCode, reason: string, page?: { position: number; document: string; pageLabel: string }): ManifestVerdict {
  return { status: 'invalid-manifest', code, reason, page };
}

/**
 * Checks a manifest and the page masters found in the file, in file order. Pure: no I/O.
 * The manifest is checked first (signature, origin, every proof, the export leaf); only
 * then are the pages compared, and the first difference is reported with its document.
 * Without `trustedVerifierKeys` an intact result only shows self-consistency: whoever
 * could rewrite the file could re-sign it, so callers must compare the key.
 */
export function verifyManifest(input: unknown, pages: readonly Uint8Array[], opts: { trustedVerifierKeys?: readonly string[] } = {}): ManifestVerdict {
  const parsed = manifestSchema.safeParse(input);
  if (!parsed.success) return invalid('LEDGER_MANIFEST_INVALID', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const m = parsed.data;

  const trusted = opts.trustedVerifierKeys;
  if (trusted && !trusted.includes(m.verifierKey)) return { status: 'untrusted-key', verifierKey: m.verifierKey };

  let size: number;
  let root: Uint8Array;
  let signer: { name: string; keyHash: string };
  try {
    const log = parseVerifierKey(m.verifierKey);
    const opened = openCheckpoint(m.checkpoint, { origin: m.origin, log });
    size = opened.checkpoint.size;
    root = opened.checkpoint.rootHash;
    signer = { name: log.name, keyHash: log.keyHash.toString(16).padStart(8, '0') };
  } catch (err) {
    if (err instanceof CourtError) return invalid(err.code, err.message);
    throw err;
  }

  for (const [i, p] of m.pages.entries()) {
    const leaf = leafHash(encodeLeaf(pageLeaf(p.sha256)));
    if (!verifyInclusion(p.leafIndex, size, leaf, p.inclusionProof.map(fromHex), root)) {
      return invalid('LEDGER_TAMPERED', `第 ${i + 1} 页的存在证明与签名检查点不符`, { position: i + 1, document: p.document, pageLabel: p.pageLabel });
    }
  }
  const exported = leafHash(encodeLeaf(exportLeaf(m.origin, m.caseNumber, m.pages)));
  if (!verifyInclusion(m.export.leafIndex, size, exported, m.export.inclusionProof.map(fromHex), root)) {
    return invalid('LEDGER_TAMPERED', '页序、页码或文书名称与导出时登记的不一致');
  }

  const difference = firstDifference(m.pages, pages.map(sha256Hex));
  if (difference) return difference;
  return {
    status: 'intact',
    pages: m.pages.length,
    checkpoint: { origin: m.origin, size, rootHash: toHex(root) },
    signer: { ...signer, verifierKey: m.verifierKey },
    keyTrusted: trusted !== undefined,
  };
}

/** First place where the file's pages stop matching the manifest, classified. */
function firstDifference(expected: readonly ManifestPage[], actual: readonly string[]): ManifestVerdict | null {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    const e = expected[i];
    const a = actual[i];
    if (e && a === e.sha256) continue;
    const position = i + 1;
    if (!e) {
      const last = expected[expected.length - 1];
      return { status: 'added', position, document: last.document, actualSha256: a };
    }
    const base = { position, document: e.document, pageLabel: e.pageLabel, expectedSha256: e.sha256 };
    if (a === undefined) return { status: 'missing', ...base };
    const expectedComesLater = actual.indexOf(e.sha256, i + 1) >= 0;
    const actualComesLater = expected.some((x, j) => j > i && x.sha256 === a);
    const status: PageProblem = expectedComesLater && actualComesLater ? 'reordered' : expectedComesLater ? 'added' : actualComesLater ? 'missing' : 'altered';
    return { status, ...base, actualSha256: a };
  }
  return null;
}
