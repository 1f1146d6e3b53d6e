import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CourtError, type EventPayload, type Job } from '../../../core/contract/index.js';
import { getJob, recoverJobs } from '../../../core/jobs/jobRepository.js';
import { JobService, type JobContext } from '../../../core/jobs/jobService.js';
import { EventBus } from '../../../core/rpc/eventBus.js';
import { readAudit } from '../../../core/store/audit.js';
import { openDatabase, type Db } from '../../../core/store/database.js';
import { useTempDirs } from '../../helpers/tempDir.js';

const tempDir = useTempDirs();
const open: { db: Db; jobs: JobService }[] = [];
afterEach(() => {
  for (const { db, jobs } of open.splice(0)) {
    jobs.close();
    db.close();
  }
});

const clerk = { username: 'clerk1', admin: false };

function setUp(opts: { progressIntervalMs?: number } = {}) {
  const db = openDatabase(join(tempDir(), 'courtdesk.sqlite'));
  const events = new EventBus();
  const jobs = new JobService({ db, events, ...opts });
  open.push({ db, jobs });
  const progress: EventPayload<'job.progress'>[] = [];
  const states: Job[] = [];
  events.on('job.progress', (p) => progress.push(p));
  events.on('job.state', (j) => states.push(j));
  return { db, jobs, progress, states };
}

/** Work the test releases by hand, after it has looked at the job under way. */
function heldWork() {
  let release: (value: Record<string, unknown>) => void = () => undefined;
  let ctx: JobContext | null = null;
  let begun: (c: JobContext) => void = () => undefined;
  const started = new Promise<JobContext>((resolve) => (begun = resolve));
  return {
    started,
    ctx: () => ctx,
    release: (v: Record<string, unknown>) => release(v),
    run(c: JobContext): Promise<Record<string, unknown>> {
      ctx = c;
      begun(c);
      return new Promise((resolve, reject) => {
        release = resolve;
        c.signal.addEventListener('abort', () => reject(new Error('aborted')));
      });
    },
  };
}

describe('the job service', () => {
  it('answers with the job at once, runs the work later, and keeps the row and every window up to date', async () => {
    const { db, jobs, progress, states } = setUp({ progressIntervalMs: 0 });
    const work = heldWork();
    const job = jobs.start('export', '（2024）苏0506民初88号', 'clerk1', (c) => work.run(c));
    expect(['queued', 'running']).toContain(job.state);
    expect(work.ctx()).toBeNull();
    const ctx = await work.started;
    ctx.progress(1, 3, '正在生成第 1/3 页');
    expect(getJob(db, job.id)).toMatchObject({ state: 'running', done: 1, total: 3, message: '正在生成第 1/3 页' });
    ctx.progress(3, 3, '正在写入文件…');
    work.release({ file: '/x.pdf' });
    const ended = await jobs.whenSettled(job.id);
    expect(ended).toMatchObject({ state: 'done', done: 3, total: 3, result: { file: '/x.pdf' }, error: null, createdBy: 'clerk1' });
    expect(ended.finishedAt).not.toBeNull();
    expect(getJob(db, job.id)).toEqual(ended);
    expect(progress.map((p) => [p.jobId, p.kind, p.done, p.total])).toEqual([
      [job.id, 'export', 1, 3],
      [job.id, 'export', 3, 3],
    ]);
    expect(states.map((s) => s.state)).toEqual(['queued', 'running', 'done']);
    expect(jobs.list({ subject: '（2024）苏0506民初88号', limit: 10 }).map((j) => j.id)).toEqual([job.id]);
    expect(jobs.list({ subject: '（2024）苏0506民初1号', limit: 10 })).toEqual([]);
  });

  it('throttles progress to the interval while the last value still reaches the row', async () => {
    const { db, jobs, progress } = setUp({ progressIntervalMs: 60_000 });
    const job = jobs.start('export', 'A', 'clerk1', async ({ progress: report }) => {
      for (let page = 1; page <= 500; page++) report(page, 500, `第 ${page} 页`);
      return {};
    });
    const ended = await jobs.whenSettled(job.id);
    expect(progress.map((p) => p.done)).toEqual([1, 500]);
    expect(ended).toMatchObject({ state: 'done', done: 500, total: 500 });
    expect(getJob(db, job.id).done).toBe(500);
  });

  it('stores a failure as error data with a Chinese message and remedy', async () => {
    const { jobs, states } = setUp();
    const failing = jobs.start('export', 'A', 'clerk1', async () => {
      throw new CourtError('DOSSIER_PAGE_MISSING', { details: { sha256: 'ab' } });
    });
    expect(await jobs.whenSettled(failing.id)).toMatchObject({
      state: 'failed',
      error: { code: 'DOSSIER_PAGE_MISSING', message: '页面文件缺失，无法生成电子卷宗', remedy: expect.stringContaining('备份') },
    });
    const crashing = jobs.start('export', 'B', 'clerk1', async () => {
      throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    });
    expect((await jobs.whenSettled(crashing.id)).error).toMatchObject({ code: 'STORE_FAILURE', message: '本地数据库出错' });
    expect(states.at(-1)?.state).toBe('failed');
  });

  it('runs one job of a kind at a time; a queued job is cancelled at once, a running one when its work stops', async () => {
    const { jobs, db } = setUp();
    const first = heldWork();
    const a = jobs.start('export', 'A', 'clerk1', (c) => first.run(c));
    const b = jobs.start('export', 'B', 'clerk1', async () => ({ ran: true }));
    expect(getJob(db, b.id).state).toBe('queued');
    await first.started;

    expect(jobs.cancel(b.id, clerk).state).toBe('cancelled');
    expect(getJob(db, b.id)).toMatchObject({ state: 'cancelled', result: null, error: { code: 'JOB_CANCELLED' } });

    expect(() => jobs.cancel(a.id, { username: 'judge1', admin: false })).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    jobs.cancel(a.id, clerk);
    expect(first.ctx()!.signal.aborted).toBe(true);
    expect(await jobs.whenSettled(a.id)).toMatchObject({ state: 'cancelled', error: { code: 'JOB_CANCELLED', remedy: expect.stringContaining('重新执行') } });
    // An administrator may cancel anyone's job; cancelling an ended one changes nothing.
    expect(jobs.cancel(a.id, { username: 'admin', admin: true }).state).toBe('cancelled');
    expect(readAudit(db, `job:${a.id}`).map((e) => e.action)).toEqual(['job.cancel']);

    const c = jobs.start('export', 'C', 'clerk1', async () => ({ ran: true }));
    expect((await jobs.whenSettled(c.id)).state).toBe('done');
  });

  it('records the jobs of a closing workstation as interrupted', async () => {
    const { jobs, db, states } = setUp();
    const work = heldWork();
    const job = jobs.start('export', 'A', 'clerk1', (c) => work.run(c));
    await work.started;
    jobs.close();
    expect(work.ctx()!.signal.aborted).toBe(true);
    expect(getJob(db, job.id)).toMatchObject({ state: 'interrupted', error: { code: 'JOB_INTERRUPTED' } });
    expect(states.at(-1)?.state).toBe('interrupted');
  });
});

describe('recovering jobs at start-up', () => {
  it('marks jobs of a dead process interrupted and leaves those of a live one alone', () => {
    const db = openDatabase(join(tempDir(), 'courtdesk.sqlite'));
    try {
      // Rows as another process left them: one whose owner died mid-export, one whose owner still runs.
      const row = db.prepare("INSERT INTO jobs (id, kind, subject, state, done, total, owner_pid, created_by) VALUES (?, 'export', ?, ?, ?, 3, ?, 'clerk1')");
      const orphan = { id: randomUUID() };
      const neighbour = { id: randomUUID() };
      // A pid far above pid_max is no process; the parent of the test runner is alive.
      row.run(orphan.id, 'A', 'running', 2, 99_999_999);
      row.run(neighbour.id, 'B', 'queued', 0, process.ppid);
      expect(recoverJobs(db).map((j) => j.id)).toEqual([orphan.id]);
      expect(getJob(db, orphan.id)).toMatchObject({ state: 'interrupted', error: { code: 'JOB_INTERRUPTED', message: '任务因程序退出或断电而中断' } });
      expect(getJob(db, neighbour.id).state).toBe('queued');
      expect(readAudit(db, `job:${orphan.id}`).map((e) => e.action)).toEqual(['job.interrupted']);
    } finally {
      db.close();
    }
  });
});
