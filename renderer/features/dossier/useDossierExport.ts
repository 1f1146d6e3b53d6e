import { useRef, useState } from 'react';
import { ExportJobResultSchema, type Job } from '../../../core/contract/index.js';
import { useCourtApi } from '../../api/CourtContext.js';
import { useCourtAction } from '../../api/useCourtAction.js';
import { useSubjectJobs } from '../jobs/useSubjectJobs.js';
import { startDownload } from './download.js';

/** Seconds of validity a download id must still have to be used rather than replaced. */
const MARGIN_MS = 15_000;

export interface DossierExport {
  /** The case's newest export job, live. */
  job: Job | null;
  busy: boolean;
  error: unknown;
  /** The last 生成 found nothing changed since the finished export, which is offered again. */
  unchanged: boolean;
  start(): Promise<void>;
  cancel(): Promise<void>;
  download(): Promise<void>;
}

/** 生成电子卷宗 for one case: the export job, its cancel, and 下载 once it is done. */
export function useDossierExport(caseNumber: string | null, allowed: boolean): DossierExport {
  const api = useCourtApi();
  const { jobs } = useSubjectJobs(caseNumber, allowed);
  const job = jobs.find((j) => j.kind === 'export') ?? null;
  const { busy, error, act } = useCourtAction();
  const [unchanged, setUnchanged] = useState(false);
  const usedIds = useRef(new Set<string>());


  return {
    job,
    busy,
    error,
    unchanged: unchanged && job?.state === 'done',
    start: () =>
      act(async () => {
        setUnchanged(false);
        if (!caseNumber) return;
        const started = await api.dossier.export({ number: caseNumber });
        setUnchanged(started.state === 'done');
      }),
    cancel: () =>
      act(async () => {
        if (job) await api.jobs.cancel({ jobId: job.id });
      }),
    // The id in the job's result is used once while it is fresh; later clicks ask for a new one.
    download: () =>
      act(async () => {
        if (!job) return;
        const result = ExportJobResultSchema.safeParse(job.result);
        const given = result.success ? result.data : null;
        const fresh =
          given?.downloadId && given.downloadExpiresAt && !usedIds.current.has(given.downloadId) && Date.parse(given.downloadExpiresAt) - Date.now() > MARGIN_MS
            ? given.downloadId
            : (await api.dossier.download({ jobId: job.id })).downloadId;
        usedIds.current.add(fresh);
        startDownload(fresh);
      }),
  };
}
