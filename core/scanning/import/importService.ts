import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { getCase } from '../../cases/caseRepository.js';
import { CourtError, type ErrorData } from '../../contract/index.js';
import type { EventBus } from '../../rpc/eventBus.js';
import type { BlobStore } from '../../store/blobStore.js';
import type { Db } from '../../store/database.js';
import { recordImportBatch } from '../batches/batchRepository.js';
import { errorData, type CaptureResult } from '../batches/captureResult.js';
import type { PageProcessor } from '../batches/captureService.js';
import { factsOf, insertPage, storeBlobs, type CapturedPage, type PageFacts, type StoredBlobs } from '../batches/pageRows.js';
import type { ProcessedPage } from '../pipeline/types.js';
import { documentAt, pageCount } from '../edits/pagePositions.js';
import { openImportSource, type SourcePage } from './importSource.js';
import type { PdfRasterizer } from './pdfRasterizer.js';

export interface ImportDeps {
  db: Db;
  blobs: BlobStore;
  pipeline: PageProcessor;
  pdf: PdfRasterizer;
  events?: EventBus;
}

export interface ImportRequest {
  caseNumber: string;
  actor: string;
  signal?: AbortSignal;
  onProgress?: (p: { file: string; done: number; total: number }) => void;
  /** 插入页面: the files' pages go after this page number (0: in front), in file order, instead of at the end. */
  insertAfter?: number;
}

/** A processing failure inside a file names that file and page. */
function atPage(file: string, page: SourcePage, e: unknown): CourtError {
  if (e instanceof CourtError && (e.code === 'IMPORT_DAMAGED' || e.code === 'IMPORT_UNSUPPORTED')) return e;
  const code = e instanceof CourtError ? e.code : 'PAGE_PROCESSING_FAILED';
  return new CourtError(code, {
    message: `文件 ${basename(file)} 第 ${page.number} 页处理失败`,
    messageEn: `File ${basename(file)}: page ${page.number} could not be processed`,
    details: { file, page: page.number, cause: e instanceof Error ? e.message : String(e) },
  });
}

const cancelled = (file: string) => new CourtError('IMPORT_CANCELLED', { details: { file } });

/**
 * Imports PDF, TIFF, JPEG and PNG files into a case. Each file is all or nothing: every page is
 * read and processed (blobs written as they are ready; an unreferenced blob is harmless), then
 * all its page rows are committed in one transaction at the end of the case.
 */
export class ImportService {
  constructor(private readonly deps: ImportDeps) {}

  /** One file; throws CourtError (IMPORT_DAMAGED, IMPORT_UNSUPPORTED, ...) with nothing added. */
  async importFile(req: ImportRequest & { file: string }): Promise<CaptureResult> {
    const c = getCase(this.deps.db, req.caseNumber);
    const { batchId, pages } = await this.importOne({ id: c.id, number: c.number }, req.file, req, randomUUID(), req.insertAfter);
    return { caseNumber: c.number, batchIds: [batchId], status: 'completed', pages, errors: [] };
  }

  /** Several files, each on its own: a bad file is reported in errors and the others still go in. */
  async importFiles(req: ImportRequest & { files: string[] }): Promise<CaptureResult> {
    const c = getCase(this.deps.db, req.caseNumber);
    const jobId = randomUUID();
    const pages: CapturedPage[] = [];
    const batchIds: number[] = [];
    const errors: ErrorData[] = [];
    let after = req.insertAfter;
    for (const file of req.files) {
      if (req.signal?.aborted) {
        errors.push(cancelled(file).toData());
        continue;
      }
      try {
        const done = await this.importOne({ id: c.id, number: c.number }, file, req, jobId, after);
        if (after !== undefined && done.pages.length > 0) after = done.pages.at(-1)!.position;
        batchIds.push(done.batchId);
        pages.push(...done.pages);
      } catch (e) {
        errors.push(errorData(e));
      }
    }
    const status = req.signal?.aborted ? 'cancelled' : errors.length > 0 ? 'failed' : 'completed';
    return { caseNumber: c.number, batchIds, status, pages, errors };
  }

  private async importOne(
    c: { id: number; number: string },
    file: string,
    req: ImportRequest,
    jobId: string,
    after: number | undefined,
  ): Promise<{ batchId: number; pages: CapturedPage[] }> {
    const { db, blobs, pipeline, pdf, events } = this.deps;
    const source = await openImportSource(file, pdf);
    const ready: { facts: PageFacts; stored: StoredBlobs }[] = [];
    const inflight: Promise<ProcessedPage>[] = [];
    const keep = (page: ProcessedPage) => {
      const stored = storeBlobs(blobs, page);
      ready.push({ facts: factsOf(page), stored });
      req.onProgress?.({ file, done: ready.length, total: source.total });
      events?.emit('job.progress', { jobId, kind: 'import', done: ready.length, total: source.total, message: `正在导入 ${basename(file)}` });
    };
    try {
      for await (const page of source.pages()) {
        if (req.signal?.aborted) throw cancelled(file);
        const job = pipeline.process(page.raw, page.options).catch((e: unknown) => Promise.reject(atPage(file, page, e)));
        job.catch(() => {}); // awaited in order below
        inflight.push(job);
        if (inflight.length >= pipeline.concurrency) keep(await inflight.shift()!);
      }
      while (inflight.length > 0) keep(await inflight.shift()!);
    } finally {
      await Promise.allSettled(inflight);
    }
    if (req.signal?.aborted) throw cancelled(file);

    return db.transaction(() => {
      const batchId = recordImportBatch(db, {
        caseId: c.id,
        caseNumber: c.number,
        actor: req.actor,
        source: { file: basename(file), format: source.format, sha256: source.sha256, size: source.size, pages: source.total },
      });
      const first = after === undefined ? undefined : Math.min(after, pageCount(db, c.id)) + 1;
      const pages = ready.map(({ facts, stored }, i) => {
        const at = first === undefined ? undefined : first + i;
        const page = insertPage(db, { caseId: c.id, caseNumber: c.number, batchId, source: 'import', page: facts, blobs: stored, actor: req.actor, at });
        // Pages put between others belong to the document they land in.
        if (at !== undefined) db.prepare('UPDATE pages SET document_id = ? WHERE id = ?').run(documentAt(db, c.id, at), page.pageId);
        return page;
      });
      return { batchId, pages };
    })();
  }
}
