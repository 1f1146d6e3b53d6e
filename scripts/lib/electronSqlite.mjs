// In development the CLI and tests use better-sqlite3 built for Node; Electron needs its own
// build of the addon. It is made once per Electron/better-sqlite3 version pair into
// node_modules/.electron-native and handed to the main process as `nativeBinding`.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './run.mjs';

const version = (pkg) => JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;

export async function ensureElectronSqlite() {
  const out = join(root, 'node_modules', '.electron-native');
  const binding = join(out, 'better_sqlite3.node');
  const stamp = join(out, 'stamp');
  const want = `electron ${version('electron')} better-sqlite3 ${version('better-sqlite3')}`;
  if (existsSync(binding) && existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  process.stderr.write(`为 Electron 编译 better-sqlite3 / building better-sqlite3 for Electron (${want})\n`);
  const project = join(out, 'project');
  rmSync(project, { recursive: true, force: true });
  mkdirSync(join(project, 'node_modules'), { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'electron-native', private: true, dependencies: { 'better-sqlite3': version('better-sqlite3') } }));
  cpSync(join(root, 'node_modules', 'better-sqlite3'), join(project, 'node_modules', 'better-sqlite3'), { recursive: true });
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: project, electronVersion: version('electron'), onlyModules: ['better-sqlite3'], force: true });
  cpSync(join(project, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), binding);
  writeFileSync(stamp, want);
}
