import { join } from 'node:path';

/** Where scripts/build-electron.mjs and the renderer build put what the main process loads. */
export function appFiles(appPath: string) {
  const dist = join(appPath, 'dist');
  return {
    /** main.cjs with its worker entries (export, page pipeline, scanner driver) beside it. */
    electronDir: join(dist, 'electron'),
    preload: join(dist, 'electron', 'preload.cjs'),
    utilityHost: join(dist, 'electron', 'utility.cjs'),
    rendererDir: join(dist, 'renderer'),
    icon: join(appPath, 'resources', 'icons', 'icon.png'),
    /** better-sqlite3 built for Electron by scripts/start.mjs; packaged apps are rebuilt in place instead. */
    devSqliteBinding: join(appPath, 'node_modules', '.electron-native', 'better_sqlite3.node'),
  };
}
