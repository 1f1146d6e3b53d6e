import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CourtError } from '../../../core/contract/index.js';
import { generateSignerKey, parseSignerKey, parseVerifierKey, verifierKeyFor } from '../../../core/ledger/keys/noteKeys.js';
import { openNote, signNote } from '../../../core/ledger/note.js';

// Key pairs and signed notes published with golang.org/x/mod/sumdb/note; see the fixture's "source".
const v = JSON.parse(readFileSync(new URL('../../fixtures/ledger/go-note-vectors.json', import.meta.url), 'utf8')).note as {
  signerKey: string;
  verifierKey: string;
  text: string;
  signed: string;
  peterSigLine: string;
  enochVerifierKey: string;
  enochSigLine: string;
  badVerifierKeys: string[];
};

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    return err instanceof CourtError ? err.code : `non-court error: ${String(err)}`;
  }
  return undefined;
};

describe('note keys', () => {
  it('derives the published verifier key from the published signer key', () => {
    const signer = parseSignerKey(v.signerKey);
    expect(signer.name).toBe('PeterNeumann');
    expect(signer.keyHash).toBe(0xc74f20a3);
    expect(signer.verifierKey).toBe(v.verifierKey);
    const verifier = parseVerifierKey(v.verifierKey);
    expect([verifier.name, verifier.keyHash]).toEqual(['PeterNeumann', 0xc74f20a3]);
    const raw = Buffer.from(v.verifierKey.split('+')[2], 'base64').subarray(1);
    expect(verifierKeyFor('PeterNeumann', raw)).toBe(v.verifierKey);
  });

  it('rejects every substring and every single-byte change of the verifier key, as note.NewVerifier does', () => {
    const b = Buffer.from(v.verifierKey);
    for (let i = 0; i <= b.length; i++) {
      for (let j = i + 1; j <= b.length; j++) {
        if (i === 0 && j === b.length) continue;
        expect(codeOf(() => parseVerifierKey(b.subarray(i, j).toString())), b.subarray(i, j).toString()).toBe('LEDGER_KEY_INVALID');
      }
    }
    for (let i = 0; i < b.length; i++) {
      const c = Buffer.from(b);
      c[i] += 1;
      expect(codeOf(() => parseVerifierKey(c.toString())), c.toString()).toBe('LEDGER_KEY_INVALID');
    }
    for (const bad of v.badVerifierKeys) expect(codeOf(() => parseVerifierKey(bad))).toBe('LEDGER_KEY_INVALID');
  });

  it('rejects single-byte changes of the signer key', () => {
    const b = Buffer.from(v.signerKey);
    for (let i = 0; i < b.length; i++) {
      const c = Buffer.from(b);
      c[i] += 1;
      expect(codeOf(() => parseSignerKey(c.toString())), c.toString()).toBe('LEDGER_KEY_INVALID');
    }
  });

  it('generates keys whose verifier key checks their signatures', async () => {
    const { signerKey, verifierKey } = generateSignerKey('court.example/ws-01');
    expect(verifierKey).toMatch(/^court\.example\/ws-01\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    const signer = parseSignerKey(signerKey);
    const sig = await signer.sign(Buffer.from('hi'));
    expect(parseVerifierKey(verifierKey).verify(Buffer.from('hi'), sig)).toBe(true);
    expect(parseVerifierKey(verifierKey).verify(Buffer.from('ho'), sig)).toBe(false);
    expect(codeOf(() => generateSignerKey('has space'))).toBe('LEDGER_KEY_INVALID');
    expect(codeOf(() => generateSignerKey('a+b'))).toBe('LEDGER_KEY_INVALID');
  });
});

describe('signed notes', () => {
  const peter = parseVerifierKey(v.verifierKey);
  const enoch = parseVerifierKey(v.enochVerifierKey);

  it('signs the published text into exactly the published note (Ed25519 is deterministic)', async () => {
    expect(await signNote(v.text, [parseSignerKey(v.signerKey)])).toBe(v.signed);
  });

  it('opens the published note with one, both or no known keys', () => {
    const msg = `${v.text}\n${v.peterSigLine}${v.enochSigLine}`;
    const one = openNote(msg, [peter]);
    expect(one.text).toBe(v.text);
    expect(one.sigs.map((s) => s.name)).toEqual(['PeterNeumann']);
    expect(one.unverifiedSigs.map((s) => [s.name, s.keyHash])).toEqual([['EnochRoot', 0xaf0cfe78]]);
    expect(openNote(Buffer.from(msg), [peter, enoch]).sigs.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot']);
    expect(codeOf(() => openNote(msg, []))).toBe('LEDGER_UNKNOWN_KEY');
  });

  it('refuses a corrupted signature from a known key', () => {
    const bad = `${v.text}\n${v.peterSigLine.slice(0, 60)}ABCD${v.peterSigLine.slice(60)}`;
    expect(codeOf(() => openNote(bad, [peter]))).toBe('LEDGER_SIGNATURE_INVALID');
    const altered = v.signed.replace('problem is', 'problem was');
    expect(codeOf(() => openNote(altered, [peter]))).toBe('LEDGER_SIGNATURE_INVALID');
  });

  it('drops repeated signatures and refuses more than 100', () => {
    expect(openNote(`${v.text}\n${v.peterSigLine}${v.peterSigLine}`, [peter]).sigs).toHaveLength(1);
    expect(codeOf(() => openNote(`${v.text}\n${v.peterSigLine.repeat(101)}`, [peter]))).toBe('LEDGER_CHECKPOINT_MALFORMED');
  });

  it('refuses the malformed notes of note_test.go', () => {
    const bad = [
      v.text,
      `${v.text}\n`,
      `${v.text}\n${v.peterSigLine.slice(0, -1)}`,
      `\u0001${v.text}\n${v.peterSigLine}`,
      `${v.text}\n\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
      `${v.text}\n${v.peterSigLine}Unexpected line.\n`,
    ];
    for (const msg of bad) expect(codeOf(() => openNote(msg, [peter])), JSON.stringify(msg)).toBe('LEDGER_CHECKPOINT_MALFORMED');
    const invalidUtf8 = Buffer.concat([Buffer.from([0xff]), Buffer.from(v.signed)]);
    expect(codeOf(() => openNote(invalidUtf8, [peter]))).toBe('LEDGER_CHECKPOINT_MALFORMED');
  });

  it('refuses an ambiguous verifier list', () => {
    expect(codeOf(() => openNote(v.signed, [peter, parseVerifierKey(v.verifierKey)]))).toBe('LEDGER_KEY_INVALID');
  });
});
