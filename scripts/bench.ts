// `npm run bench`: runs every tests/bench/*.bench.ts and prints one JSON line per benchmark.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = join(import.meta.dirname, '..', 'tests', 'bench');
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failures = 0;
for (const file of files) {
  try {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: () => Promise<Record<string, unknown>[]> };
    for (const line of await mod.default()) console.log(JSON.stringify({ file, ...line }));
  } catch (err) {
    failures += 1;
    console.log(JSON.stringify({ file, error: String(err instanceof Error ? err.message : err) }));
  }
}
process.exit(failures ? 1 : 0);
