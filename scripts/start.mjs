#!/usr/bin/env node
// `npm start`: set-up, build, then the Electron window when an Electron binary is present,
// otherwise the web host opened in the system's Chromium (or its URL printed).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureElectronSqlite } from './lib/electronSqlite.mjs';
import { root, run } from './lib/run.mjs';

function electronBinary() {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const exe = join(root, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(exe) ? exe : null;
}

for (const script of ['scripts/setup.mjs', 'scripts/build.mjs']) {
  const status = run(process.execPath, [script]);
  if (status !== 0) process.exit(status);
}

const electron = electronBinary();
const extra = process.argv.slice(2);
if (electron) {
  await ensureElectronSqlite();
  process.exit(run(electron, ['.', ...extra]));
}
process.stderr.write('未找到 Electron 程序，改为启动网页版工作站 / no Electron binary: starting the web host\n');
process.exit(run(process.execPath, ['bin/courtdesk.mjs', 'serve', '--open', ...extra]));
