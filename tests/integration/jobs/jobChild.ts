// Runs one job that never ends in a store given as argv[2] and prints {"jobId"} once the job
// has recorded progress: the test kills this process with SIGKILL mid-job.
import { join } from 'node:path';
import { JobService } from '../../../core/jobs/jobService.js';
import { EventBus } from '../../../core/rpc/eventBus.js';
import { openDatabase } from '../../../core/store/database.js';

const db = openDatabase(join(process.argv[2], 'courtdesk.sqlite'));
const events = new EventBus();
const jobs = new JobService({ db, events, progressIntervalMs: 0 });
const job = jobs.start('export', '（2024）苏0506民初88号', 'clerk1', ({ progress }) => {
  progress(2, 3, '正在生成第 2/3 页');
  process.stdout.write(JSON.stringify({ jobId: job.id }) + '\n');
  return new Promise(() => setInterval(() => undefined, 1000));
});
