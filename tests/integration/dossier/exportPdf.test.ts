import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createCase } from '../../../core/cases/caseRepository.js';
import { exportDossier } from '../../../core/dossier/exportDossier.js';
import { workstationLedger } from '../../../core/dossier/integrity/workstationLedger.js';
import { readG4Tiff } from '../../../core/dossier/pdf/tiffG4.js';
import { BlobStore } from '../../../core/store/blobStore.js';
import { openDatabase } from '../../../core/store/database.js';
import { sampleDossier } from '../../helpers/dossierFixture.js';
import { useTempDirs } from '../../helpers/tempDir.js';

const tempDir = useTempDirs();

async function exportSample() {
  const f = await sampleDossier(tempDir());
  const file = join(f.dir, 'out', 'dossier.pdf');
  const result = await exportDossier(f, { caseNumber: f.caseNumber, out: file, actor: 'clerk' });
  const masters = (f.db.prepare('SELECT sha256 FROM pages ORDER BY position').all() as { sha256: string }[]).map((r) => f.blobs.read(r.sha256));
  f.db.close();
  return { file, result, masters: [masters[0], masters[1]] };
}

describe('e-dossier PDF export', () => {
  it('passes qpdf --check and reports its pages and case metadata to pdfinfo', async () => {
    const { file, result } = await exportSample();
    expect(result).toMatchObject({ case: '（2024）苏0506民初88号', pages: 3, documents: 2 });
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors');
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+5/);
    expect(info).toContain('（2024）苏0506民初88号 电子卷宗');
  });

  it('copies Chinese text without spurious spaces, and lists the documents in the catalogue page', async () => {
    const { file } = await exportSample();
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('被告李四借款伍万元整。');
    expect(text).toContain('判决如下：被告于十日内归还借款。');
    expect(text).toContain('卷内目录');
    expect(text).toMatch(/起诉状[\s\S]*1[\s\S]*判决书[\s\S]*2–3/);
  });

  it('embeds page masters unchanged: the JPEG stream and the G4 strips byte for byte', async () => {
    const { file, masters } = await exportSample();
    const pdf = readFileSync(file);
    expect(pdf.includes(masters[0])).toBe(true);
    for (const strip of readG4Tiff(masters[1])!.strips) expect(pdf.includes(strip)).toBe(true);
  });

  it('renders the G4 page upright and black on white (poppler)', async () => {
    const { file } = await exportSample();
    const dir = tempDir();
    execFileSync('pdftoppm', ['-f', '4', '-l', '4', '-r', '100', '-gray', '-png', file, join(dir, 'p')]);
    const png = readFileSync(join(dir, 'p-4.png'));
    const { data, info } = await sharp(png).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
    const dark = (y0: number, y1: number) => {
      let n = 0;
      for (let y = Math.floor(y0 * info.height); y < y1 * info.height; y++) for (let x = 0; x < info.width; x++) if (data[y * info.width + x] < 128) n++;
      return n;
    };
    expect(dark(0, 1) / (info.width * info.height)).toBeLessThan(0.1);
    expect(dark(0, 0.25)).toBeGreaterThan(50);
    expect(dark(0.5, 1)).toBe(0);
  });

  it('opens in pdf.js with a bookmark per document, page labels and the case metadata', async () => {
    const { file } = await exportSample();
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
    expect(doc.numPages).toBe(5);
    const outline = await doc.getOutline();
    expect(outline.map((o) => o.title)).toEqual(['卷宗封面', '卷内目录', '起诉状', '判决书']);
    expect(await doc.getPageLabels()).toEqual(['封面', '目录1', '1', '2', '3']);
    const { info } = (await doc.getMetadata()) as unknown as { info: Record<string, string> };
    expect(info.Keywords).toContain('（2024）苏0506民初88号');
    const page = await doc.getPage(3);
    const content = await page.getTextContent();
    expect(content.items.map((i) => ('str' in i ? i.str : '')).join('')).toContain('原告张三，男，汉族。');
    await doc.destroy();
  });

  it('writes nothing for a case without pages', async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 's.sqlite'));
    createCase(db, { number: '（2024）苏0506民初89号' }, 'clerk');
    const out = join(dir, 'x.pdf');
    await expect(exportDossier({ db, blobs: new BlobStore(join(dir, 'pages')), ledger: await workstationLedger(dir) }, { caseNumber: '（2024）苏0506民初89号', out, actor: 'c' })).rejects.toMatchObject({ code: 'DOSSIER_EMPTY' });
    expect(() => readFileSync(out)).toThrow();
    writeFileSync(join(dir, 'ok'), '');
    db.close();
  });
});
