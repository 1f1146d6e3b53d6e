#!/usr/bin/env node
// Builds what the hosts load: the renderer for the web host and Electron, and the Electron bundles.
import { bin, run } from './lib/run.mjs';

const steps = [
  [bin('vite'), ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn']],
  [process.execPath, ['scripts/build-electron.mjs']],
];
for (const [cmd, args] of steps) {
  const status = run(cmd, args);
  if (status !== 0) process.exit(status);
}
