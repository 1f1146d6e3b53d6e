#!/usr/bin/env node
// `npm test`: set-up, static checks, build, then every suite; ends with one summary line.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, root, run } from './lib/run.mjs';

const reports = join(root, 'test-results', 'reports');

if (run(process.execPath, ['scripts/setup.mjs']) !== 0) process.exit(1);
mkdirSync(reports, { recursive: true });

const steps = [
  { name: 'lint', cmd: bin('eslint'), args: ['.', '--max-warnings', '0'] },
  { name: 'typecheck', cmd: process.execPath, args: ['scripts/typecheck.mjs'] },
  { name: 'build', cmd: process.execPath, args: ['scripts/build.mjs'] },
  {
    name: 'vitest',
    cmd: bin('vitest'),
    args: ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(reports, 'vitest.json')}`],
  },
  {
    name: 'e2e-web',
    cmd: bin('playwright'),
    args: ['test', '--config', 'playwright.config.ts', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, 'e2e-web.json') },
  },
  {
    name: 'e2e-electron',
    cmd: bin('playwright'),
    args: ['test', '--config', 'playwright.electron.config.ts', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, 'e2e-electron.json') },
  },
];

const failedSteps = [];
for (const step of steps) {
  const status = run(step.cmd, step.args, { env: { ...process.env, ...step.env } });
  if (status !== 0) failedSteps.push(step.name);
}

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const vitest = readJson(join(reports, 'vitest.json'));
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
}
/** Every skipped Playwright test with the reason it gave, so a skip is never silent. */
function skipReasons(suite, out = []) {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests ?? []) {
      if (t.status !== 'skipped') continue;
      const reason = [...(t.annotations ?? []), ...(t.results ?? []).flatMap((r) => r.annotations ?? [])].find((a) => a.type === 'skip')?.description;
      out.push(`${spec.title}: ${reason ?? '（未说明原因）'}`);
    }
  }
  for (const child of suite.suites ?? []) skipReasons(child, out);
  return out;
}

for (const name of ['e2e-web.json', 'e2e-electron.json']) {
  const pw = readJson(join(reports, name));
  if (!pw) continue;
  totals.passed += pw.stats.expected + pw.stats.flaky;
  totals.failed += pw.stats.unexpected;
  totals.skipped += pw.stats.skipped;
  for (const line of pw.suites.flatMap((s) => skipReasons(s))) process.stderr.write(`跳过 / skipped: ${line}\n`);
}

if (failedSteps.length) process.stderr.write(`\n失败的步骤 / failed steps: ${failedSteps.join(', ')}\n`);
// Steps without test counts (lint, typecheck, build) count as one failure each when they fail.
const failed = totals.failed + failedSteps.filter((s) => ['lint', 'typecheck', 'build'].includes(s)).length;
console.log(`\ncourtdesk: ${totals.passed} passed, ${failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length || failed ? 1 : 0);
