import { existsSync } from 'node:fs';
import { basename, resolve, sep } from 'node:path';
import { getCase } from '../../cases/caseRepository.js';
import {
  CourtError,
  ExportJobResultSchema,
  type DossierLedger,
  type DossierOutline,
  type DownloadTicket,
  type ExportJobResult,
  type Job,
  type PageThumbnail,
  type StoreVerdictView,
} from '../../contract/index.js';
import type { DownloadTickets } from '../../jobs/downloadTickets.js';
import type { JobService } from '../../jobs/jobService.js';
import type { BlobStore } from '../../store/blobStore.js';
import type { Db } from '../../store/database.js';
import type { KeyVault } from '../../ledger/keys/keyVault.js';
import { workstationIdentity } from '../integrity/workstationLedger.js';
import type { DossierExporter } from './exporter.js';
import { contentFingerprint } from './contentFingerprint.js';
import { exportFilePath, exportsDir } from './exportFile.js';
import { dossierLedger } from './ledgerHistory.js';
import { dossierOutline } from './outline.js';
import { PageThumbnails } from './thumbnails.js';
import { verifyStoreView } from './verifyStore.js';

export interface DossierDeskDeps {
  db: Db;
  blobs: BlobStore;
  dataDir: string;
  jobs: JobService;
  downloads: DownloadTickets;
  keyVault: KeyVault;
  /** Null where the host cannot export (dossier.export then answers EXPORT_UNAVAILABLE). */
  exporter: DossierExporter | null;
}

/** What the 卷宗 page calls: the catalogue, thumbnails, export as a job, downloads, 校验 and the ledger's history. */
export class DossierDesk {
  private readonly thumbs: PageThumbnails;

  constructor(private readonly deps: DossierDeskDeps) {
    this.thumbs = new PageThumbnails(deps);
  }

  outline(caseNumber: string): DossierOutline {
    return dossierOutline(this.deps.db, caseNumber);
  }

  thumbnails(pageIds: readonly number[]): Promise<PageThumbnail[]> {
    return this.thumbs.forPages(pageIds);
  }

  ledger(caseNumber: string): DossierLedger {
    return dossierLedger(this.deps.db, caseNumber);
  }

  verify(caseNumber: string): Promise<StoreVerdictView> {
    return verifyStoreView(this.deps, caseNumber);
  }

  /**
   * Starts the export job, or answers with the one already under way for the case, or with the
   * last finished one when nothing in the case has changed since (its file still on disk): a
   * second click makes no new ledger entry and no new version to sync. An unknown case or one
   * without pages is refused here rather than as a failed job.
   */
  export(caseNumber: string, actor: string): Job {
    const { exporter, db, jobs, dataDir, downloads, keyVault } = this.deps;
    if (!exporter) throw new CourtError('EXPORT_UNAVAILABLE');
    const found = getCase(db, caseNumber);
    const pages = db.prepare<[number], number>('SELECT count(*) FROM pages WHERE case_id = ?').pluck().get(found.id) ?? 0;
    if (pages === 0) throw new CourtError('DOSSIER_EMPTY', { details: { case: found.number } });
    const running = jobs.active('export', found.number);
    if (running) return running;
    const fingerprint = contentFingerprint(db, found);
    const unchanged = this.lastExport(found.number, fingerprint);
    if (unchanged) return unchanged;
    return jobs.start('export', found.number, actor, async ({ signal, progress }) => {
      progress(0, pages, '正在登记页面并签署检查点…');
      const out = exportFilePath(dataDir, found.number, new Date());
      const exported = await exporter({
        dataDir,
        identity: await workstationIdentity(dataDir, keyVault),
        caseNumber: found.number,
        out,
        actor,
        signal,
        onPage: (done, total) => progress(done, total, done === total ? '正在写入文件…' : `正在生成第 ${done}/${total} 页`),
      });
      const fileName = basename(exported.file);
      const ticket = downloads.issue(exported.file, fileName);
      const result: ExportJobResult = {
        file: exported.file,
        fileName,
        pages: exported.pages,
        documents: exported.documents,
        bytes: exported.bytes,
        sha256: exported.sha256,
        fingerprint,
        downloadId: ticket.id,
        downloadExpiresAt: ticket.expiresAt.toISOString(),
      };
      return result;
    });
  }

  private lastExport(caseNumber: string, fingerprint: string): Job | null {
    const last = this.deps.jobs.list({ subject: caseNumber, limit: 50 }).find((j) => j.kind === 'export' && j.state === 'done');
    const result = ExportJobResultSchema.safeParse(last?.result);
    if (!last || !result.success || result.data.fingerprint !== fingerprint) return null;
    return this.insideExports(result.data.file) ? last : null;
  }

  private insideExports(file: string): boolean {
    const root = resolve(exportsDir(this.deps.dataDir));
    const resolved = resolve(file);
    return resolved.startsWith(root + sep) && existsSync(resolved);
  }

  /** A fresh single-use download id for a finished export, for 下载 after the first id was used or has expired. */
  download(jobId: string): DownloadTicket {
    const job = this.deps.jobs.get(jobId);
    if (job.kind !== 'export') throw new CourtError('JOB_NOT_FOUND', { details: { jobId, kind: job.kind } });
    if (job.state !== 'done') throw new CourtError('JOB_NOT_FINISHED', { details: { jobId, state: job.state } });
    const result = ExportJobResultSchema.parse(job.result);
    if (!this.insideExports(result.file)) throw new CourtError('EXPORT_FILE_GONE', { details: { file: result.file } });
    const ticket = this.deps.downloads.issue(resolve(result.file), result.fileName);
    return { downloadId: ticket.id, fileName: result.fileName, expiresAt: ticket.expiresAt.toISOString() };
  }
}
