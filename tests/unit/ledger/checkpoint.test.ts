import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CourtError } from '../../../core/contract/index.js';
import { formatCheckpoint, openCheckpoint, parseCheckpointBody, signCheckpoint } from '../../../core/ledger/checkpoint.js';
import { parseSignerKey, parseVerifierKey } from '../../../core/ledger/keys/noteKeys.js';
import { signNote } from '../../../core/ledger/note.js';
import { MemoryTree, toHex } from '../../../core/ledger/merkle/index.js';

// Keys and checkpoints published with transparency-dev/formats; see the fixture's "source".
const v = JSON.parse(readFileSync(new URL('../../fixtures/ledger/go-note-vectors.json', import.meta.url), 'utf8')).checkpoint as {
  logVerifierKey: string;
  logSignerKey: string;
  known1VerifierKey: string;
  known1SignerKey: string;
  unknownSignerKey: string;
  sumdb: { verifierKey: string; origin: string; size: number; rootHashBase64: string; signed: string };
  bodies: { origin: string; size: number; rootUtf8: string; body: string }[];
  badBodies: string[];
};

async function codeOf(fn: () => unknown): Promise<string | undefined> {
  try {
    await fn();
  } catch (err) {
    return err instanceof CourtError ? err.code : `non-court error: ${String(err)}`;
  }
  return undefined;
}

describe('checkpoint body', () => {
  it('formats and parses the published bodies', () => {
    for (const b of v.bodies) {
      const cp = { origin: b.origin, size: b.size, rootHash: Buffer.from(b.rootUtf8), extensions: [] };
      expect(formatCheckpoint(cp)).toBe(b.body);
      const parsed = parseCheckpointBody(b.body);
      expect([parsed.origin, parsed.size, Buffer.from(parsed.rootHash).toString()]).toEqual([b.origin, b.size, b.rootUtf8]);
    }
  });

  it('keeps extension lines', () => {
    const body = `${v.bodies[0].body}Here's some associated data.\nmore\n`;
    expect(parseCheckpointBody(body).extensions).toEqual(["Here's some associated data.", 'more']);
  });

  it('refuses the published malformed bodies, leading zeros and blank extension lines', async () => {
    for (const bad of [...v.badBodies, 'Log\n0123\nYmFuYW5hcw==\n', 'Log\n123\nYmFuYW5hcw==\n\nx\n']) {
      expect(await codeOf(() => parseCheckpointBody(bad)), JSON.stringify(bad)).toBe('LEDGER_CHECKPOINT_MALFORMED');
    }
    expect(await codeOf(() => formatCheckpoint({ origin: 'a\nb', size: 1, rootHash: new Uint8Array(32), extensions: [] }))).toBe('LEDGER_CHECKPOINT_MALFORMED');
  });
});

describe('signed checkpoints', () => {
  const log = parseVerifierKey(v.logVerifierKey);
  const known1 = parseVerifierKey(v.known1VerifierKey);
  const tree = new MemoryTree(['a', 'b', 'c'].map((s) => Buffer.from(s)));
  const cp = { origin: 'TestParseCheckpoint', size: tree.size, rootHash: tree.root(), extensions: [] };

  it('verifies the real sum.golang.org tree head with its published key', () => {
    const { checkpoint, note } = openCheckpoint(v.sumdb.signed, { origin: v.sumdb.origin, log: parseVerifierKey(v.sumdb.verifierKey) });
    expect(checkpoint.size).toBe(v.sumdb.size);
    expect(Buffer.from(checkpoint.rootHash).toString('base64')).toBe(v.sumdb.rootHashBase64);
    expect(note.sigs.map((s) => s.name)).toEqual(['sum.golang.org']);
  });

  it('rejects the sum.golang.org tree head with a changed size or another origin', async () => {
    const sumdbKey = parseVerifierKey(v.sumdb.verifierKey);
    const forged = v.sumdb.signed.replace(String(v.sumdb.size), String(v.sumdb.size + 1));
    expect(await codeOf(() => openCheckpoint(forged, { origin: v.sumdb.origin, log: sumdbKey }))).toBe('LEDGER_SIGNATURE_INVALID');
    expect(await codeOf(() => openCheckpoint(v.sumdb.signed, { origin: 'court.example/ws-01', log: sumdbKey }))).toBe('LEDGER_ORIGIN_MISMATCH');
  });

  it('signs with the published log key and opens it, with a co-signer or not', async () => {
    const signed = await signCheckpoint(cp, parseSignerKey(v.logSignerKey));
    expect(signed.startsWith(`TestParseCheckpoint\n3\n${Buffer.from(tree.root()).toString('base64')}\n\n\u2014 Log `)).toBe(true);
    const opened = openCheckpoint(signed, { origin: cp.origin, log });
    expect(toHex(opened.checkpoint.rootHash)).toBe(toHex(tree.root()));
    const cosigned = await signNote(formatCheckpoint(cp), [parseSignerKey(v.logSignerKey), parseSignerKey(v.known1SignerKey), parseSignerKey(v.unknownSignerKey)]);
    const both = openCheckpoint(cosigned, { origin: cp.origin, log, others: [known1] });
    expect(both.note.sigs.map((s) => s.name)).toEqual(['Log', 'Known']);
    expect(both.note.unverifiedSigs.map((s) => s.name)).toEqual(['Unknown']);
  });

  it('refuses a checkpoint not signed by the log key, a wrong origin, a bad signature, or a body that is not a checkpoint', async () => {
    const byKnown = await signCheckpoint(cp, parseSignerKey(v.known1SignerKey));
    expect(await codeOf(() => openCheckpoint(byKnown, { origin: cp.origin, log, others: [known1] }))).toBe('LEDGER_UNKNOWN_KEY');
    expect(await codeOf(() => openCheckpoint(byKnown, { origin: cp.origin, log }))).toBe('LEDGER_UNKNOWN_KEY');
    const signed = await signCheckpoint(cp, parseSignerKey(v.logSignerKey));
    expect(await codeOf(() => openCheckpoint(signed, { origin: 'this is not the logID you are looking for', log }))).toBe('LEDGER_ORIGIN_MISMATCH');
    const lines = signed.split('\n');
    lines[1] = '4';
    expect(await codeOf(() => openCheckpoint(lines.join('\n'), { origin: cp.origin, log }))).toBe('LEDGER_SIGNATURE_INVALID');
    const hat = await signNote("if this is a valid checkpoint then I'll eat my hat\n", [parseSignerKey(v.logSignerKey)]);
    expect(await codeOf(() => openCheckpoint(hat, { origin: cp.origin, log }))).toBe('LEDGER_CHECKPOINT_MALFORMED');
  });
});
