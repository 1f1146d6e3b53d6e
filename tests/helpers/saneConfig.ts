import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A private SANE_CONFIG_DIR enabling only SANE's own virtual devices: `test` (its feeder gives
 * ten pages, then "out of documents"; geometry up to A4) and `pnm` (serves a real image file).
 */
export function saneTestConfig(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'courtdesk-sane-'));
  mkdirSync(join(dir, 'dll.d'), { recursive: true });
  writeFileSync(join(dir, 'dll.conf'), 'test\npnm\n');
  writeFileSync(
    join(dir, 'test.conf'),
    [
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
    ].join('\n'),
  );
  return { dir, env: { ...process.env, SANE_CONFIG_DIR: dir } };
}
