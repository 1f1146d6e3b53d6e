// A private SANE_CONFIG_DIR with only SANE's own virtual devices, for tests, benchmarks and trying
// the scanner commands without hardware:
//   eval "$(npx tsx scripts/sane-test-config.ts)" && npx courtdesk devices
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * test.conf as sane-test(5) documents it. The test device offers sources "Flatbed" and
 * "Automatic Document Feeder" (the feeder gives ten pages, then SANE_STATUS_NO_DOCS), modes
 * Gray and Color, depths 1/8/16 and 1–1200 dpi; the geometry lines make its default scan area
 * A4 (210 × 297 mm) within a 300 × 300 mm bed.
 */
const testConf = [
  'number_of_devices 1',
  'mode Gray',
  'depth 8',
  'resolution 300',
  'test-picture "Color pattern"',
  'geometry_min 0.0',
  'geometry_max 300.0',
  'geometry_quant 1.0',
  'tl_x 0.0',
  'tl_y 0.0',
  'br_x 210.0',
  'br_y 297.0',
  '',
].join('\n');

/**
 * Writes dll.conf (backends `test` and `pnm`: pnm serves an image file, chosen with its
 * `filename` option) and test.conf into `dir`, and returns the environment a SANE process needs
 * to use them. No trailing colon in SANE_CONFIG_DIR: /etc/sane.d is not searched, so real
 * scanners and network backends stay out of the way.
 */
export function saneTestConfig(dir = mkdtempSync(join(tmpdir(), 'courtdesk-sane-'))): { dir: string; env: NodeJS.ProcessEnv } {
  mkdirSync(join(dir, 'dll.d'), { recursive: true });
  writeFileSync(join(dir, 'dll.conf'), 'test\npnm\n');
  writeFileSync(join(dir, 'test.conf'), testConf);
  return { dir, env: { ...process.env, SANE_CONFIG_DIR: dir } };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { dir } = saneTestConfig(process.argv[2]);
  console.log(`export SANE_CONFIG_DIR=${dir}`);
}
