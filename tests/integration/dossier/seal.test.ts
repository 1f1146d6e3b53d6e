import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCase } from '../../../core/cases/caseRepository.js';
import { exportDossier } from '../../../core/dossier/exportDossier.js';
import { workstationLedger } from '../../../core/dossier/integrity/workstationLedger.js';
import { BlobStore } from '../../../core/store/blobStore.js';
import { openDatabase } from '../../../core/store/database.js';
import { renderTextPage } from '../../helpers/pageImages.js';
import { makeP12 } from '../../helpers/signingKey.js';
import { useTempDirs } from '../../helpers/tempDir.js';

const tempDir = useTempDirs();

async function sealedExport(seal?: { p12: Buffer; passphrase: string }) {
  const dir = tempDir();
  const db = openDatabase(join(dir, 's.sqlite'));
  const blobs = new BlobStore(join(dir, 'pages'));
  const c = createCase(db, { number: '（2024）苏0506民初90号' }, 'clerk');
  const page = await renderTextPage(['民事判决书', '本判决为终审判决。']);
  const { lastInsertRowid: d } = db.prepare("INSERT INTO documents (case_id, position, title) VALUES (?, 1, '判决书')").run(c.id);
  db.prepare("INSERT INTO pages (case_id, document_id, position, sha256, media_type, width, height, dpi, source) VALUES (?, ?, 1, ?, 'image/jpeg', ?, ?, ?, 't')").run(
    c.id, d, blobs.put(page.jpeg), page.width, page.height, page.dpi,
  );
  const out = join(dir, 'sealed.pdf');
  const exported = exportDossier({ db, blobs, ledger: await workstationLedger(dir) }, { caseNumber: c.number, out, actor: 'clerk', seal });
  return { out, exported, db };
}

/** pdfsig exits non-zero for untrusted (self-signed) certificates; the signature check itself is in its output. */
const pdfsig = (file: string) => spawnSync('pdfsig', [file], { encoding: 'utf8', env: { ...process.env, HOME: tempDir() } }).stdout;

describe('electronic seal (电子签章)', () => {
  it('signs the exported dossier with a PAdES signature that poppler verifies', async () => {
    const { out, exported } = await sealedExport({ p12: makeP12('苏州市吴中区人民法院', 'seal-pass'), passphrase: 'seal-pass' });
    await expect(exported).resolves.toMatchObject({ signed: true, pages: 1 });
    const report = pdfsig(out);
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('苏州市吴中区人民法院');
    // @signpdf's incremental update puts a newline before its xref keyword: qpdf warns (exit 3) but finds no error.
    const qpdf = spawnSync('qpdf', ['--check', out], { encoding: 'utf8' });
    expect(qpdf.status === 0 || qpdf.status === 3).toBe(true);
    expect(qpdf.stdout).toContain('PDF Version: 1.7');
    expect(qpdf.stderr.trim().split('\n').filter((l) => !/extraneous whitespace seen before xref|succeeded with warnings/.test(l))).toEqual([]);
  });

  it('shows a broken signature when a signed byte is changed', async () => {
    const { out, exported } = await sealedExport({ p12: makeP12('法院', 'pw-123456'), passphrase: 'pw-123456' });
    await exported;
    const bytes = readFileSync(out);
    const at = bytes.indexOf('电子卷宗') >= 0 ? bytes.indexOf('/Producer') + 12 : 200;
    bytes[at] ^= 0x01;
    const tampered = join(tempDir(), 'tampered.pdf');
    writeFileSync(tampered, bytes);
    expect(pdfsig(tampered)).not.toContain('Signature is Valid.');
  });

  it('refuses a wrong passphrase before rendering anything', async () => {
    const { out, exported } = await sealedExport({ p12: makeP12('法院', 'right-pass'), passphrase: 'wrong-pass' });
    await expect(exported).rejects.toMatchObject({ code: 'SEAL_BAD_PASSPHRASE' });
    expect(() => readFileSync(out)).toThrow();
  });
});
