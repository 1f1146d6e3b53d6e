#!/usr/bin/env node
// Bundles the Electron main process, the sandboxed preload and the utility-process host into
// dist/electron/ (or --outdir DIR), then checks that the preload can load in a sandbox.
import { build } from 'esbuild';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { root } from './lib/run.mjs';

const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const outdir = resolve(root, values.outdir ?? 'dist/electron');

// Native or Electron-provided: loaded from node_modules (unpacked from the asar when packaged).
const nodeExternals = ['electron', 'better-sqlite3', 'koffi', 'sharp'];

// Electron 38 ships Node 22 and Chromium 140.
const bundles = [
  { entry: 'electron/main/main.ts', out: 'main.cjs', platform: 'node', target: 'node22', external: nodeExternals },
  { entry: 'electron/utility/host.ts', out: 'utility.cjs', platform: 'node', target: 'node22', external: nodeExternals },
  // platform 'browser': a Node built-in reached from the preload fails the build instead of the window.
  { entry: 'electron/preload/preload.ts', out: 'preload.cjs', platform: 'browser', target: 'chrome140', external: ['electron'] },
];

function fail(message) {
  process.stderr.write(`build-electron: ${message}\n`);
  process.exit(1);
}

/** A sandboxed preload may require only 'electron', and should carry no npm package (zod least of all). */
function checkPreload(file, metafile) {
  const packages = new Set(Object.keys(metafile.inputs).flatMap((input) => input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? []));
  if (packages.size) fail(`preload bundles npm packages it should not need: ${[...packages].join(', ')}`);
  const code = readFileSync(file, 'utf8');
  const calls = code.match(/\brequire\s*\(/g) ?? [];
  const modules = [...code.matchAll(/\brequire\s*\(\s*(["'])([^"']+)\1\s*\)/g)].map((m) => m[2]);
  const foreign = modules.filter((m) => m !== 'electron');
  if (calls.length !== modules.length || foreign.length) {
    fail(`preload requires something a sandboxed preload cannot load: ${foreign.join(', ') || 'a computed require()'}`);
  }
}

for (const b of bundles) {
  const outfile = join(outdir, b.out);
  const result = await build({
    absWorkingDir: root,
    entryPoints: [b.entry],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: b.platform,
    target: b.target,
    external: b.external,
    sourcemap: 'linked',
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
    // import.meta is empty in CommonJS; a bundled module that needs it must fail here, not at run time.
    logOverride: { 'empty-import-meta': 'error' },
  }).catch(() => fail(`bundling ${b.entry} failed`));
  if (b.out === 'preload.cjs') checkPreload(outfile, result.metafile);
  process.stdout.write(`${outfile} ${(statSync(outfile).size / 1024).toFixed(1)} KiB\n`);
}
