import type { Job, JobState } from '../../../core/contract/index.js';

export const jobStateColour: Record<JobState, string> = {
  queued: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
  cancelled: 'default',
  interrupted: 'warning',
};

/** Jobs that ended without a result and may be started again (重新执行). */
export const rerunnable = (job: Pick<Job, 'state'>) => job.state === 'failed' || job.state === 'cancelled' || job.state === 'interrupted';

export const isActive = (job: Pick<Job, 'state'>) => job.state === 'queued' || job.state === 'running';

/** 0–100; a finished job is full whatever its last progress said. */
export function jobPercent(job: Pick<Job, 'state' | 'done' | 'total'>): number {
  if (job.state === 'done') return 100;
  if (!job.total) return 0;
  return Math.min(100, Math.floor((job.done / job.total) * 100));
}

/** A job row with a progress event folded in; progress never moves a job that has already ended. */
export function withProgress(job: Job, p: { done: number; total: number | null; message: string }): Job {
  return job.state === 'running' ? { ...job, done: p.done, total: p.total, message: p.message } : job;
}
