import { CourtError, errorCatalogue, type ErrorData } from '../../core/contract/index.js';

export interface Output {
  json: boolean;
  /** Machine-readable result on stdout, one JSON document. */
  result(value: unknown, human: () => string): void;
  /** Progress and notices go to stderr so stdout stays parseable. */
  info(line: string): void;
}

export function createOutput(json: boolean): Output {
  return {
    json,
    result(value, human) {
      process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
    },
    info(line) {
      process.stderr.write(`${line}\n`);
    },
  };
}

/** One line, Chinese then English, as promised for every failing command; returns the exit code. */
export function reportError(err: unknown, json: boolean): 1 | 2 {
  const e = err instanceof CourtError ? err : new CourtError('INTERNAL', { details: { cause: String(err) } });
  if (!(err instanceof CourtError)) console.error(err);
  process.stderr.write(`错误：${e.message}。${e.remedy} / Error: ${e.messageEn}\n`);
  if (json) process.stdout.write(`${JSON.stringify({ error: e.toData() })}\n`);
  return e.exitCode;
}

/** A capture that stored nothing because of bad input (a setting, an unreadable file) is exit 2; any other failure is 1. */
export function exitCodeForErrors(errors: readonly ErrorData[], pagesStored: number): 0 | 1 | 2 {
  if (errors.length === 0) return 0;
  return pagesStored === 0 && errors.every((e) => errorCatalogue[e.code]?.exit === 2) ? 2 : 1;
}
