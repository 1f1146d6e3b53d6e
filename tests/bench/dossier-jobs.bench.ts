import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCourtCore } from '../../core/app/courtCore.js';
import { createCase } from '../../core/cases/caseRepository.js';
import { blobDir, storeFile } from '../../core/config/dataDir.js';
import type { Job, PageThumbnail } from '../../core/contract/index.js';
import { exportDossier } from '../../core/dossier/exportDossier.js';
import { workstationLedger } from '../../core/dossier/integrity/workstationLedger.js';
import { exportInWorker } from '../../core/dossier/desk/workerExporter.js';
import type { CallContext } from '../../core/rpc/callContext.js';
import { BlobStore } from '../../core/store/blobStore.js';
import { openDatabase } from '../../core/store/database.js';
import { addDocument, type FixturePage } from '../helpers/dossierFixture.js';
import { renderTextPage } from '../helpers/pageImages.js';

const PAGES = 200;
const PER_DOCUMENT = 20;
const TICK_MS = 5;
const clerk: CallContext = { session: { userId: 1, username: 'bench', displayName: 'bench', roles: ['clerk'] } };

/** The longest the event loop went without running a 5 ms timer while fn ran: what a window's calls and progress wait behind. */
async function longestStall<T>(fn: () => Promise<T>): Promise<[number, T]> {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - TICK_MS);
    last = now;
  }, TICK_MS);
  try {
    const value = await fn();
    // A stall that lasted until fn ended has not been seen by the timer yet.
    return [Math.max(worst, performance.now() - last - TICK_MS), value];
  } finally {
    clearInterval(timer);
  }
}

const ms = (start: number) => performance.now() - start;

/**
 * A 200-page case: how long the host's event loop stalls while exporting in a worker (the job
 * service) beside exporting on the event loop itself, and what the 卷宗 page's calls cost.
 */
export default async function bench(): Promise<Record<string, unknown>[]> {
  const dir = mkdtempSync(join(tmpdir(), 'courtdesk-bench-jobs-'));
  try {
    const db = openDatabase(storeFile(dir));
    const blobs = new BlobStore(blobDir(dir));
    const c = createCase(db, { number: '（2024）苏0508民初200号' }, 'bench');
    const pages: FixturePage[] = [];
    for (let i = 0; i < PAGES; i++) {
      const page = await renderTextPage([`第${i + 1}页`, '原告张三诉被告李四民间借贷纠纷一案。', `借款金额人民币${i + 1}万元整。`]);
      pages.push({ master: page.jpeg, mediaType: 'image/jpeg', page });
    }
    for (let d = 0; d < PAGES / PER_DOCUMENT; d++) addDocument(db, blobs, c.id, d + 1, `材料${d + 1}`, pages.slice(d * PER_DOCUMENT, (d + 1) * PER_DOCUMENT));
    const ledger = await workstationLedger(dir);
    const [inlineStall] = await longestStall(() => exportDossier({ db, blobs, ledger }, { caseNumber: c.number, out: join(dir, 'inline.pdf'), actor: 'bench' }));
    db.close();

    const core = openCourtCore({ dataDir: dir, host: 'web', version: 'bench', exporter: exportInWorker() });
    try {
      let progressEvents = 0;
      core.events.on('job.progress', () => progressEvents++);
      const started = performance.now();
      const [workerStall, job] = await longestStall(async () => {
        const answer = await core.dispatch(clerk, 'dossier.export', { number: c.number });
        if (!answer.ok) throw new Error(answer.error.message);
        return core.jobs.whenSettled((answer.value as Job).id);
      });
      const exportMs = ms(started);
      if (job.state !== 'done') throw new Error(`export ended ${job.state}`);

      let t = performance.now();
      const outline = await core.dispatch(clerk, 'dossier.outline', { number: c.number });
      const outlineMs = ms(t);
      const ids = outline.ok ? (outline.value as { documents: { pages: { pageId: number }[] }[] }).documents.flatMap((d) => d.pages.map((p) => p.pageId)) : [];
      const fetchThumbs = async () => {
        const all: PageThumbnail[] = [];
        for (let i = 0; i < ids.length; i += 60) {
          const r = await core.dispatch(clerk, 'dossier.thumbnails', { pageIds: ids.slice(i, i + 60) });
          if (r.ok) all.push(...(r.value as PageThumbnail[]));
        }
        return all;
      };
      t = performance.now();
      const thumbs = await fetchThumbs();
      const coldMs = ms(t);
      t = performance.now();
      await fetchThumbs();
      const warmMs = ms(t);
      const thumbBytes = thumbs.reduce((n, x) => n + (x.thumbnail?.length ?? 0), 0);
      t = performance.now();
      await core.dispatch(clerk, 'dossier.verify', { number: c.number });
      const verifyMs = ms(t);
      return [
        {
          name: 'jobs.export_event_loop_stall_ms_200_pages',
          value: +workerStall.toFixed(1),
          baseline: +inlineStall.toFixed(1),
          ratio: +(workerStall / inlineStall).toFixed(3),
          unit: 'ms',
          how: 'longest gap of a 5 ms timer while dossier.export runs as a job in a worker thread, vs exportDossier on the event loop, same run',
        },
        { name: 'jobs.export_job_seconds_200_pages', value: +(exportMs / 1000).toFixed(2), unit: 's', progressEvents, how: 'dossier.export until the job is done (worker start, ledger, render, write); progress events are throttled to 5/s' },
        { name: 'dossier.outline_ms_200_pages', value: +outlineMs.toFixed(1), unit: 'ms' },
        {
          name: 'dossier.thumbnails_ms_per_page',
          value: +(coldMs / ids.length).toFixed(2),
          baseline: +(warmMs / ids.length).toFixed(3),
          unit: 'ms',
          inlineBytesIfInOutline: thumbBytes,
          how: 'dossier.thumbnails in batches of 60, scaled by sharp from the masters (cold) vs remembered (baseline); why thumbnails are not inside dossier.outline',
        },
        { name: 'dossier.verify_ms_200_pages', value: +verifyMs.toFixed(1), unit: 'ms', how: 'dossier.verify: re-hash every page file and re-derive the ledger' },
      ];
    } finally {
      core.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
