import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIsolatedScanner } from '../../native/scanning/isolatedScanner.js';
import { saneTestConfig } from '../../scripts/sane-test-config.js';

const PAGES = 10;
const RUNS = 3;
const settings = { source: 'adf' as const, mode: 'gray' as const, resolution: 300, pageSize: 'A4' as const, options: {} };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

/** VmHWM (peak resident set) and VmRSS of a process, in bytes. */
function memory(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { peak: kb('VmHWM'), now: kb('VmRSS') };
}

/**
 * The driver alone: SANE's test feeder, 10 A4 pages at 300 dpi gray (8.7 MB each), through the
 * driver process and IPC into this process, beside `scanimage --batch` on the same device and
 * SANE_CONFIG_DIR. Median of three batches each; the driver process is started before timing
 * (an application keeps it running), scanimage's start-up is inside its time.
 */
export default async function bench(): Promise<Record<string, unknown>[]> {
  const sane = saneTestConfig();
  const out = mkdtempSync(join(tmpdir(), 'courtdesk-bench-scanimage-'));
  const scanner = createIsolatedScanner({ env: sane.env });
  try {
    const baseline: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const t0 = process.hrtime.bigint();
      execFileSync(
        'scanimage',
        ['-d', 'test:0', '--source', 'Automatic Document Feeder', '--mode', 'Gray', '--resolution', '300', '-x', '210', '-y', '297', `--batch=${join(out, `r${run}-p%d.pnm`)}`],
        { env: sane.env, stdio: 'ignore' },
      );
      baseline.push(seconds(t0));
    }

    const t0 = process.hrtime.bigint();
    await scanner.listDevices();
    const startup = seconds(t0);
    const pid = scanner.pid!;
    const idle = memory(pid).now;

    const ours: number[] = [];
    let pageBytes = 0;
    let peakAfterFirst = 0;
    for (let run = 0; run < RUNS; run++) {
      let pages = 0;
      const t = process.hrtime.bigint();
      for await (const page of scanner.scan('test:0', settings)) {
        pages += 1;
        pageBytes = page.data.length;
      }
      ours.push(seconds(t));
      if (pages !== PAGES) throw new Error(`expected ${PAGES} pages, got ${pages}`);
      if (run === 0) peakAfterFirst = memory(pid).peak;
    }
    const { peak } = memory(pid);

    const ppm = (PAGES / median(ours)) * 60;
    const basePpm = (PAGES / median(baseline)) * 60;
    const mb = (bytes: number) => +(bytes / 2 ** 20).toFixed(1);
    return [
      {
        name: 'scan_driver.pages_per_minute',
        value: Math.round(ppm),
        baseline: Math.round(basePpm),
        ratio: +(ppm / basePpm).toFixed(3),
        unit: 'pages/min',
        how: `SANE test:0 feeder, ${PAGES} A4 pages at 300 dpi gray, median of ${RUNS}: isolated driver (koffi → driver process → IPC) vs scanimage --batch writing PNM files; driver start-up ${Math.round(startup * 1000)} ms not included`,
      },
      {
        name: 'scan_driver.peak_rss',
        value: mb(peak),
        baseline: mb(idle),
        ratio: +(peak / idle).toFixed(2),
        unit: 'MiB',
        pageMiB: mb(pageBytes),
        peakAboveIdleInPages: +((peak - idle) / pageBytes).toFixed(1),
        peakAfterFirstBatchMiB: mb(peakAfterFirst),
        how: `driver process VmHWM after ${RUNS * PAGES} pages (and after the first ${PAGES}), beside its VmRSS idle after start-up; the page buffer, the IPC serializer's copies and garbage not yet collected make up the difference, which does not grow with the number of pages`,
      },
    ];
  } finally {
    await scanner.close();
    rmSync(out, { recursive: true, force: true });
    rmSync(sane.dir, { recursive: true, force: true });
  }
}
