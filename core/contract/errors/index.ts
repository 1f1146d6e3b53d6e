import { captureErrors } from './capture.js';
import { catalogueErrors } from './catalogue.js';
import { commonErrors } from './common.js';
import { dossierErrors } from './dossier.js';
import { jobsErrors } from './jobs.js';
import { ledgerErrors } from './ledger.js';
import { ocrErrors } from './ocr.js';
import { pageEditErrors } from './pageEdits.js';
import { scanningErrors } from './scanning.js';
import { separatorsErrors } from './separators.js';
import { syncErrors } from './sync.js';

/**
 * Stable error codes. Every error that crosses a boundary (IPC, WebSocket, CLI, HTTP)
 * travels as ErrorData and is rebuilt as a CourtError on the other side, so the code
 * is the contract and the messages are for people. Each capability keeps its codes in
 * its own file here; this index merges them.
 */
export const errorCatalogue = { ...commonErrors, ...captureErrors, ...catalogueErrors, ...dossierErrors, ...jobsErrors, ...ledgerErrors, ...ocrErrors, ...pageEditErrors, ...scanningErrors, ...separatorsErrors, ...syncErrors };


export type ErrorCode = keyof typeof errorCatalogue;

export interface ErrorData {
  code: ErrorCode;
  message: string;
  messageEn: string;
  remedy: string;
  details?: Record<string, unknown>;
}

export class CourtError extends Error {
  readonly code: ErrorCode;
  readonly messageEn: string;
  readonly remedy: string;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, opts: { message?: string; messageEn?: string; remedy?: string; details?: Record<string, unknown> } = {}) {
    const entry = errorCatalogue[code];
    super(opts.message ?? entry.zh);
    this.name = 'CourtError';
    this.code = code;
    this.messageEn = opts.messageEn ?? entry.en;
    this.remedy = opts.remedy ?? entry.remedy;
    this.details = opts.details;
  }

  get exitCode(): 1 | 2 {
    return errorCatalogue[this.code].exit;
  }

  toData(): ErrorData {
    return { code: this.code, message: this.message, messageEn: this.messageEn, remedy: this.remedy, details: this.details };
  }

  static fromData(data: ErrorData): CourtError {
    const code: ErrorCode = data.code in errorCatalogue ? data.code : 'INTERNAL';
    return new CourtError(code, data);
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && value in errorCatalogue;
}
