// Starts the real web host over a fresh data directory and prints {url, password, dataDir} as
// one JSON line; stops and removes the directory on SIGTERM/SIGINT or when stdin closes
// (the test runner went away).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCourtCore } from '../../../core/app/courtCore.js';
import { exportInWorker } from '../../../core/dossier/desk/workerExporter.js';
import { createCaptureServices } from '../../../hosts/capture.js';
import { startWebHost } from '../../../hosts/web/webHost.js';
import { version } from '../../../hosts/version.js';
import { saneTestConfig } from '../../helpers/saneConfig.js';

const staticDir = fileURLToPath(new URL('../../../dist/renderer', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'courtdesk-e2e-'));
const core = openCourtCore({ dataDir, host: 'web', version, exporter: exportInWorker() });
const password = await core.ensureInitialAdmin();
// Scanning over SANE's own test device (its feeder gives ten pages), as `courtdesk serve` attaches real scanners.
const sane = saneTestConfig();
process.env.SANE_CONFIG_DIR = sane.dir;
const capture = createCaptureServices(core);
const detachCapture = core.attachCapture(capture);
const web = await startWebHost({ core, port: 0, staticDir });
process.stdout.write(JSON.stringify({ url: web.url, password, dataDir }) + '\n');

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await web.close();
  await detachCapture();
  await capture.close();
  core.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(sane.dir, { recursive: true, force: true });
  process.exit(0);
}
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.stdin.on('end', stop).resume();
