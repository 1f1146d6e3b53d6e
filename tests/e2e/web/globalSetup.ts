import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const FixtureSchema = z.object({ url: z.string().url(), password: z.string().min(8), dataDir: z.string() });

/**
 * Builds nothing: `npm test` runs vite build first. Without the build the specs fail with the
 * reason (set here) instead of a browser staring at a 503 page.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(`${root}dist/renderer/index.html`)) {
    process.env.COURTDESK_E2E_SETUP_ERROR =
      'dist/renderer/index.html 不存在：请先构建界面 / the renderer is not built: run `npx vite build --config renderer/vite.config.ts` (or `npm run build`) first.';
    return async () => undefined;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/e2e/web/serve-fixture.ts'], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`serve-fixture exited early with code ${code}`);
  });
  const firstLine = once(createInterface({ input: child.stdout }), 'line').then(([line]) => String(line));
  const fixture = FixtureSchema.parse(JSON.parse(await Promise.race([firstLine, exited])));
  exited.catch(() => undefined);
  process.env.COURTDESK_E2E_URL = fixture.url;
  process.env.COURTDESK_E2E_ADMIN_PASSWORD = fixture.password;
  // Specs that need material in a case (as if scanned) add it to this store directly.
  process.env.COURTDESK_E2E_DATA_DIR = fixture.dataDir;
  return async () => {
    const gone = once(child, 'exit');
    child.kill('SIGTERM');
    await gone;
  };
}
