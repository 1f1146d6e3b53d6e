import { useCallback, useEffect, useState } from 'react';
import type { EventPayload, Job } from '../../../core/contract/index.js';
import { useCourtApi, useCourtEvent } from '../../api/CourtContext.js';
import { withProgress } from './jobStates.js';

export interface SubjectJobs {
  /** Newest first. */
  jobs: Job[];
  error: unknown;
  reload: () => void;
}

/** The jobs about one subject (a 案号), kept live from job.state and job.progress; nothing is asked when disabled. */
export function useSubjectJobs(subject: string | null, enabled: boolean): SubjectJobs {
  const api = useCourtApi();
  const [jobs, setJobs] = useState<Job[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    setJobs([]);
    setError(null);
    if (!subject || !enabled) return;
    let live = true;
    api.jobs.list({ subject }).then(
      (found) => live && setJobs(found),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [api, subject, enabled, generation]);

  useCourtEvent(
    'job.state',
    useCallback(
      (job: EventPayload<'job.state'>) => {
        if (!enabled || job.subject !== subject) return;
        setJobs((list) => (list.some((j) => j.id === job.id) ? list.map((j) => (j.id === job.id ? job : j)) : [job, ...list]));
      },
      [subject, enabled],
    ),
  );

  useCourtEvent(
    'job.progress',
    useCallback((p: EventPayload<'job.progress'>) => {
      setJobs((list) => (list.some((j) => j.id === p.jobId) ? list.map((j) => (j.id === p.jobId ? withProgress(j, p) : j)) : list));
    }, []),
  );

  return { jobs, error, reload: useCallback(() => setGeneration((g) => g + 1), []) };
}
