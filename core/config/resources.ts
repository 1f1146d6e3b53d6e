import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's resources/ folder (catalogue standards, seed examples, fonts). Found by walking up
 * from this module because the same code runs from the sources (core/config/), from the Electron
 * bundles (dist/electron/) and from inside a packaged app.asar, each at a different depth.
 * COURTDESK_RESOURCES overrides it for a deployment that keeps resources elsewhere.
 */
function findResourcesDir(): string {
  const override = process.env.COURTDESK_RESOURCES;
  if (override) return override;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'catalogue'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`resources/catalogue not found above ${fileURLToPath(import.meta.url)}; set COURTDESK_RESOURCES`);
    dir = parent;
  }
}

let found: string | undefined;

export function resourcePath(...segments: string[]): string {
  found ??= findResourcesDir();
  return join(found, ...segments);
}
