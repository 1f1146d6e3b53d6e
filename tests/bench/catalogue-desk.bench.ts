// The 编目 page's calls on a scanned 29-page civil dossier, each beside the work it wraps in the
// same run: propose beside the bare machine catalogue (catalogueCase), a page view beside sharp
// reading the same master, save beside the bare saveCatalogue.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { catalogueCase } from '../../core/catalogue/catalogueCase.js';
import { CatalogueDesk } from '../../core/catalogue/catalogueDesk.js';
import { BlobStore } from '../../core/store/blobStore.js';
import { openDatabase } from '../../core/store/database.js';
import { loadDossiers } from '../fixtures/catalogue/dossier.js';
import { fileScannedDossier } from '../helpers/catalogueFixture.js';

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

function timed(runs: number, fn: () => unknown): number {
  fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) fn();
  return ms(start) / runs;
}

async function timedAsync(runs: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) await fn(i);
  return ms(start) / runs;
}

export default async function bench(): Promise<Record<string, unknown>[]> {
  const dir = mkdtempSync(join(tmpdir(), 'courtdesk-catdesk-bench-'));
  try {
    const civil = loadDossiers().find((d) => d.name === 'civil-first-instance-loan')!;
    const db = openDatabase(join(dir, 'store.sqlite'));
    const blobs = new BlobStore(join(dir, 'blobs'));
    const { pageIds } = await fileScannedDossier(db, blobs, civil, { scale: 1 });
    const how = `${pageIds.length}-page civil dossier (tests/fixtures/catalogue), A4 pages rendered at full size, store on disk`;
    const desk = new CatalogueDesk({ db, blobs });

    const propose = timed(10, () => desk.propose(civil.caseNumber));
    const bare = timed(10, () => catalogueCase(db, civil.caseNumber));

    const masters = db.prepare('SELECT sha256 FROM pages ORDER BY position').pluck().all() as string[];
    const firstView = await timedAsync(pageIds.length, (i) => desk.page(pageIds[i]));
    const decode = await timedAsync(masters.length, (i) => sharp(blobs.read(masters[i])).resize({ width: 1000 }).jpeg().toBuffer());

    const documents = [...desk.propose(civil.caseNumber).documents].sort((a, b) => a.pages[0] - b.pages[0]);
    const save = timed(5, () => desk.save(civil.caseNumber, documents, 'bench'));
    db.close();
    return [
      { name: 'catalogue_desk.propose_ms', value: +propose.toFixed(1), baseline: +bare.toFixed(1), ratio: +(propose / bare).toFixed(3), unit: 'ms', how: `propose (machine catalogue + page states + catalogue order) beside catalogueCase alone, ${how}` },
      { name: 'catalogue_desk.page_view_ms', value: +firstView.toFixed(1), baseline: +decode.toFixed(1), ratio: +(firstView / decode).toFixed(3), unit: 'ms', how: `first view of each page (≤1000 px JPEG + OCR text) beside sharp decoding and resizing the same master, ${how}` },
      { name: 'catalogue_desk.save_ms', value: +save.toFixed(1), unit: 'ms', how: `save of the whole catalogue (documents, entries, proposals, audit, parties) with fsync per transaction, ${how}` },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
