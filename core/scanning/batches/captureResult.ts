import { CourtError, type ErrorData } from '../../contract/index.js';
import type { BlobStore } from '../../store/blobStore.js';
import type { BatchStatus } from './batchRepository.js';
import type { CapturedPage } from './pageRows.js';
import type { RoutedPages } from '../separators/routing.js';

/** Outcome of a scan batch or an import: the pages stored, and what went wrong, if anything. */
export interface CaptureResult {
  caseNumber: string;
  /** Scans: the one batch; imports: one batch per imported file. */
  batchIds: number[];
  status: BatchStatus;
  pages: CapturedPage[];
  errors: ErrorData[];
  /** Scans only, when cover sheets sent pages to other cases: those pages, per case. */
  routed?: RoutedPages[];
}

/** Every page the capture stored, in its own case or routed by a cover sheet to another: what OCR must read. */
export function capturedPageIds(result: CaptureResult): number[] {
  return [...result.pages, ...(result.routed ?? []).flatMap((r) => r.pages)].map((p) => p.pageId);
}

/** What `courtdesk scan --json` and `courtdesk import --json` print. index is the page's number in the case. */
export interface CaptureJson {
  case: string;
  pages: PageJson[];
  errors: ErrorData[];
  /** Present when cover sheets in the batch sent pages to other cases. */
  routed?: { case: string; pages: PageJson[] }[];
}

type PageJson = { index: number; sha256: string; file: string; blank: boolean; skew: number };

export function captureResultJson(result: CaptureResult, blobs: BlobStore): CaptureJson {
  const pageJson = (p: CapturedPage): PageJson => ({ index: p.position, sha256: p.sha256, file: blobs.pathOf(p.sha256), blank: p.blank, skew: p.skew });
  return {
    case: result.caseNumber,
    pages: result.pages.map(pageJson),
    errors: result.errors,
    ...(result.routed ? { routed: result.routed.map((r) => ({ case: r.caseNumber, pages: r.pages.map(pageJson) })) } : {}),
  };
}

const DISK_ERRORS = new Set(['ENOSPC', 'EACCES', 'EPERM', 'EROFS', 'EIO', 'EDQUOT']);

/** Any failure as contract error data, so it can travel to the CLI and the renderer. */
export function errorData(e: unknown): ErrorData {
  if (e instanceof CourtError) return e.toData();
  const code = String((e as { code?: unknown } | null)?.code ?? '');
  const cause = e instanceof Error ? e.message : String(e);
  const store = code.startsWith('SQLITE_') || DISK_ERRORS.has(code);
  return new CourtError(store ? 'STORE_FAILURE' : 'INTERNAL', { details: { cause } }).toData();
}
