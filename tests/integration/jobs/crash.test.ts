import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openCourtCore } from '../../../core/app/courtCore.js';
import type { CallContext } from '../../../core/rpc/callContext.js';
import { useTempDirs } from '../../helpers/tempDir.js';

const tempDir = useTempDirs();
const child = fileURLToPath(new URL('./jobChild.ts', import.meta.url));
const clerk: CallContext = { session: { userId: 2, username: 'clerk1', displayName: '书记员', roles: ['clerk'] } };

describe('a job cut short by a crash', () => {
  it('is listed as interrupted, with its last progress and what to do, when the workstation starts again', async () => {
    const dataDir = tempDir();
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = await once(createInterface({ input: proc.stdout }), 'line');
    const { jobId } = JSON.parse(String(line)) as { jobId: string };
    proc.kill('SIGKILL');
    await once(proc, 'exit');

    const core = openCourtCore({ dataDir, host: 'web', version: 'test' });
    try {
      const listed = await core.dispatch(clerk, 'jobs.list', { subject: '（2024）苏0506民初88号' });
      expect(listed).toMatchObject({
        ok: true,
        value: [{ id: jobId, state: 'interrupted', done: 2, total: 3, error: { code: 'JOB_INTERRUPTED', remedy: expect.stringContaining('重新执行') } }],
      });
    } finally {
      core.close();
    }
  });
});
