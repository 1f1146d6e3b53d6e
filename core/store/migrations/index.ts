import initial from './0001-initial.js';

/** Numbered, append-only: a released migration is never edited, only followed by a new one. */
export const migrations: readonly { version: number; sql: string }[] = [{ version: 1, sql: initial }];
