#!/usr/bin/env node
// One tsc run per layer: each layer's tsconfig gives it only the globals its runtime has.
import { bin, run } from './lib/run.mjs';

const layers = ['tsconfig.core.json', 'tsconfig.node.json', 'tsconfig.renderer.json', 'tsconfig.electron.json'];
let failed = 0;
for (const project of layers) failed += run(bin('tsc'), ['-p', project]) === 0 ? 0 : 1;
process.exit(failed ? 1 : 0);
