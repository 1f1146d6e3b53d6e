#!/usr/bin/env node
// Bundles the Electron main process, its worker entries (export, page pipeline, scanner driver),
// the sandboxed preload and the utility-process host into
// dist/electron/ (or --outdir DIR), then checks that the preload can load in a sandbox.
import { build } from 'esbuild';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { root } from './lib/run.mjs';

const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const outdir = resolve(root, values.outdir ?? 'dist/electron');

// Electron-provided or an npm package: loaded from node_modules (electron-builder ships the
// production dependencies; native ones are unpacked from the asar), so pdfkit, sharp and the rest
// find their own data files where they expect them. The bundles hold only CourtDesk's code.
const nodeBundle = { platform: 'node', target: 'node22', packages: 'external' };

// CommonJS like the rest of the bundles so tests can run main.cjs on a stand-in for Electron. Code
// that finds its siblings through import.meta gets this file's URL instead; import.meta.resolve is
// reached only when running from TypeScript sources (see core/jobs/startWorker.ts).
const importMeta = {
  define: { 'import.meta.url': '__courtdeskModuleUrl', 'import.meta.resolve': '__courtdeskResolve' },
  banner: {
    js: 'const __courtdeskModuleUrl = require("node:url").pathToFileURL(__filename).href; const __courtdeskResolve = (s) => require("node:url").pathToFileURL(require.resolve(s)).href;',
  },
};

// Electron 38 ships Node 22 and Chromium 140. The workers sit beside main.cjs, where
// core/config/siblingModule.ts looks for them.
const bundles = [
  { entry: 'electron/main/main.ts', out: 'main.cjs', ...nodeBundle, ...importMeta },
  { entry: 'electron/utility/host.ts', out: 'utility.cjs', ...nodeBundle },
  { entry: 'core/dossier/desk/exportWorker.ts', out: 'exportWorker.cjs', ...nodeBundle, ...importMeta },
  { entry: 'core/scanning/pipeline/pageWorker.ts', out: 'pageWorker.cjs', ...nodeBundle, ...importMeta },
  { entry: 'native/scanning/driverHost.ts', out: 'driverHost.cjs', ...nodeBundle, ...importMeta },
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
    packages: b.packages,
    define: b.define,
    banner: b.banner,
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
