#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx so that `npx courtdesk` needs no build step.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../hosts/cli/main.ts', import.meta.url).href);
