import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { exportDossier } from '../../../core/dossier/exportDossier.js';
import { verifyDossierPdf } from '../../../core/dossier/verify/verifyDossierPdf.js';
import { sampleDossier } from '../../helpers/dossierFixture.js';
import { useTempDirs } from '../../helpers/tempDir.js';

const tempDir = useTempDirs();

async function exported() {
  const f = await sampleDossier(tempDir());
  const file = join(f.dir, 'dossier.pdf');
  await exportDossier(f, { caseNumber: f.caseNumber, out: file, actor: 'clerk' });
  const jpeg = f.blobs.read((f.db.prepare('SELECT sha256 FROM pages ORDER BY position LIMIT 1').get() as { sha256: string }).sha256);
  f.db.close();
  return { file, bytes: readFileSync(file), trusted: [f.ledger.signer.verifierKey], jpeg, dir: f.dir };
}

/** qpdf rewrites page order the way a person with a PDF editor would, keeping the rest of the document. */
function qpdfPages(file: string, pages: string, dir: string): Buffer {
  const out = join(dir, `edited-${pages.replace(/[^0-9a-z]/g, '_')}.pdf`);
  execFileSync('qpdf', [file, '--pages', file, pages, '--', out]);
  return readFileSync(out);
}

describe('courtdesk verify: offline verification from the file alone', () => {
  it('finds an untouched dossier intact, including its G4 page rebuilt from the PDF', async () => {
    const { bytes, trusted } = await exported();
    expect(await verifyDossierPdf(bytes, { trustedVerifierKeys: trusted })).toMatchObject({ status: 'intact', pages: 3, keyTrusted: true });
  });

  it('names the first altered page and its document', async () => {
    const { bytes, trusted, jpeg } = await exported();
    const at = bytes.indexOf(jpeg.subarray(0, 64)) + Math.floor(jpeg.length / 2);
    bytes[at] ^= 0xff;
    expect(await verifyDossierPdf(bytes, { trustedVerifierKeys: trusted })).toMatchObject({ status: 'altered', position: 1, document: '起诉状' });
  });

  it('reports a removed page as missing', async () => {
    const { file, trusted, dir } = await exported();
    const edited = qpdfPages(file, '1-3,5', dir);
    expect(await verifyDossierPdf(edited, { trustedVerifierKeys: trusted })).toMatchObject({ status: 'missing', document: '判决书' });
  });

  it('reports swapped pages as reordered', async () => {
    const { file, trusted, dir } = await exported();
    const edited = qpdfPages(file, '1-3,5,4', dir);
    expect(await verifyDossierPdf(edited, { trustedVerifierKeys: trusted })).toMatchObject({ status: 'reordered', position: 2 });
  });

  it('reports an inserted page as added', async () => {
    const { file, trusted, dir } = await exported();
    const edited = qpdfPages(file, '1-5,3', dir);
    expect(await verifyDossierPdf(edited, { trustedVerifierKeys: trusted })).toMatchObject({ status: 'added', position: 4 });
  });

  it('refuses a dossier signed by a key the court does not trust', async () => {
    const { bytes } = await exported();
    const other = await exported();
    expect(await verifyDossierPdf(bytes, { trustedVerifierKeys: other.trusted })).toMatchObject({ status: 'untrusted-key' });
  });

  it('tells a PDF that is not an e-dossier, and a damaged file, apart from tampering', async () => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((r) => doc.on('end', r));
    doc.text('hello');
    doc.end();
    await done;
    expect(await verifyDossierPdf(Buffer.concat(chunks))).toMatchObject({ status: 'not-ours' });
    const { bytes } = await exported();
    expect(await verifyDossierPdf(bytes.subarray(0, 400))).toMatchObject({ status: 'damaged' });
  });
});
