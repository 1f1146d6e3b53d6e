import type { ErrorData } from './errors/index.js';

/** What every contract call returns across a process or network boundary. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorData };
