import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { createCase } from '../../core/cases/caseRepository.js';
import { blobDir, storeFile } from '../../core/config/dataDir.js';
import { exportDossier } from '../../core/dossier/exportDossier.js';
import { workstationLedger } from '../../core/dossier/integrity/workstationLedger.js';
import { verifyDossierPdf } from '../../core/dossier/verify/verifyDossierPdf.js';
import { BlobStore } from '../../core/store/blobStore.js';
import { openDatabase } from '../../core/store/database.js';
import { addDocument, type FixturePage } from '../helpers/dossierFixture.js';
import { renderTextPage } from '../helpers/pageImages.js';

const PAGES = 500;
const PER_DOCUMENT = 20;

async function seconds<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return [Number(process.hrtime.bigint() - start) / 1e9, value];
}

/** The plainest PDF of the same page images: pdfkit, one image per page, nothing else. */
function concatenate(masters: Buffer[], width: number, height: number): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  for (const m of masters) {
    doc.addPage({ size: [width, height], margin: 0 });
    doc.image(m, 0, 0, { width, height });
  }
  doc.end();
  return done;
}

/** A 500-page dossier (25 documents, A4 at 150 dpi, OCR words on every page): export and verify, beside plain concatenation. */
export default async function bench(): Promise<Record<string, unknown>[]> {
  const dir = mkdtempSync(join(tmpdir(), 'courtdesk-bench-dossier-'));
  try {
    const db = openDatabase(storeFile(dir));
    const blobs = new BlobStore(blobDir(dir));
    const c = createCase(db, { number: '（2024）苏0508民初500号' }, 'bench');
    const masters: FixturePage[] = [];
    for (let i = 0; i < PAGES; i++) {
      const page = await renderTextPage([`第${i + 1}页`, '原告张三诉被告李四民间借贷纠纷一案，本院依法适用简易程序。', `借款金额人民币${i + 1}万元整。`]);
      masters.push({ master: page.jpeg, mediaType: 'image/jpeg', page });
    }
    for (let d = 0; d < PAGES / PER_DOCUMENT; d++) addDocument(db, blobs, c.id, d + 1, `材料${d + 1}`, masters.slice(d * PER_DOCUMENT, (d + 1) * PER_DOCUMENT));
    const ledger = await workstationLedger(dir);
    const out = join(dir, 'dossier.pdf');
    const { width, height, dpi } = masters[0].page;
    const pt = (px: number) => (px * 72) / dpi;
    const [raw, rawPdf] = await seconds(() => concatenate(masters.map((m) => m.master), pt(width), pt(height)));
    const [ours] = await seconds(() => exportDossier({ db, blobs, ledger }, { caseNumber: c.number, out, actor: 'bench' }));
    const bytes = readFileSync(out);
    const [verify, verdict] = await seconds(() => verifyDossierPdf(bytes, { trustedVerifierKeys: [ledger.signer.verifierKey] }));
    db.close();
    const mastersBytes = masters.reduce((n, m) => n + m.master.length, 0);
    return [
      { name: 'dossier.export_seconds_500_pages', value: +ours.toFixed(2), baseline: +raw.toFixed(2), ratio: +(ours / raw).toFixed(2), unit: 's', how: 'exportDossier (cover, catalogue, text layer, outline, ledger manifest) vs pdfkit concatenating the same 500 JPEG masters, same run' },
      { name: 'dossier.size_vs_masters', value: bytes.length, baseline: mastersBytes, ratio: +(bytes.length / mastersBytes).toFixed(3), unit: 'bytes', rawConcatenationBytes: rawPdf.length },
      { name: 'dossier.verify_seconds_500_pages', value: +verify.toFixed(2), unit: 's', status: verdict.status, how: 'verifyDossierPdf: parse, rebuild every master, check manifest proofs and checkpoint' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
