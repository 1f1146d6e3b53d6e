import type { ExportResult } from '../exportDossier.js';

export interface ExportRequest {
  dataDir: string;
  caseNumber: string;
  out: string;
  actor: string;
  /** The workstation's log identity, read from the host's key vault by the caller. */
  identity: { origin: string; signerKey: string };
  signal: AbortSignal;
  onPage: (done: number, total: number) => void;
}

/**
 * Renders and writes a case's e-dossier away from the event loop. A port because the way to do
 * that is the host's: every host today runs exportInWorker (./workerExporter.ts), the desktop app
 * from the worker bundle beside main.cjs.
 */
export type DossierExporter = (request: ExportRequest) => Promise<ExportResult>;
