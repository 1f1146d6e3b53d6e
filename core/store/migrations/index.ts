import initial from './0001-initial.js';
import ledger from './0002-ledger.js';
import capture from './0003-capture.js';
import ocrQueue from './0004-ocr-queue.js';
import catalogue from './0005-catalogue.js';
import sync from './0006-sync.js';
import jobs from './0007-jobs.js';
import catalogueReview from './0008-catalogue-review.js';
import pageEdits from './0011-page-edits.js';
import syncLease from './0010-sync-lease.js';

/** Numbered, append-only: a released migration is never edited, only followed by a new one. */
export const migrations: readonly { version: number; sql: string }[] = [{ version: 1, sql: initial }, { version: 2, sql: ledger }, { version: 3, sql: capture }, { version: 4, sql: ocrQueue }, { version: 5, sql: catalogue }, { version: 6, sql: sync }, { version: 7, sql: jobs }, { version: 8, sql: catalogueReview }, { version: 10, sql: syncLease }, { version: 11, sql: pageEdits }];
