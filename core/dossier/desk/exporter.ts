import type { ExportResult } from '../exportDossier.js';

export interface ExportRequest {
  dataDir: string;
  caseNumber: string;
  out: string;
  actor: string;
  signal: AbortSignal;
  onPage: (done: number, total: number) => void;
}

/**
 * Renders and writes a case's e-dossier away from the event loop. A port because the way to do
 * that is the host's: Node hosts run exportInWorker (./workerExporter.ts); the desktop bundle
 * cannot load a worker entry from core until its build provides one.
 */
export type DossierExporter = (request: ExportRequest) => Promise<ExportResult>;
