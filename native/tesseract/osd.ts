import { execFile } from 'node:child_process';
import { z } from 'zod';
import type { OrientationDetector, OrientationGuess, OrientationInput } from '../../core/scanning/pipeline/types.js';

/** What `tesseract --psm 0` prints; anything else means the output cannot be trusted. */
const OsdSchema = z.object({
  rotate: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  confidence: z.number().finite().nonnegative(),
});

/** tesseract's answer when a page has too little text to judge; not a failure. */
const TOO_FEW = /Too few characters/i;

export function parseOsd(stdout: string): OrientationGuess | null {
  const rotate = /^Rotate:\s*(\d+)\s*$/m.exec(stdout);
  const confidence = /^Orientation confidence:\s*([\d.]+)\s*$/m.exec(stdout);
  if (!rotate || !confidence) return null;
  const parsed = OsdSchema.safeParse({ rotate: Number(rotate[1]), confidence: Number(confidence[1]) });
  return parsed.success ? parsed.data : null;
}

/**
 * Orientation and script detection with the tesseract CLI. The page goes in on stdin as a PGM,
 * so no temporary file and no encoding cost; OMP_THREAD_LIMIT=1 because pages already run in
 * parallel and OpenMP threads would only fight over the same cores.
 */
export class TesseractOrientationDetector implements OrientationDetector {
  private readonly binary: string;
  private readonly timeoutMs: number;

  constructor(opts: { binary?: string; timeoutMs?: number } = {}) {
    this.binary = opts.binary ?? 'tesseract';
    this.timeoutMs = opts.timeoutMs ?? 60_000;
  }

  detect(page: OrientationInput, signal?: AbortSignal): Promise<OrientationGuess | null> {
    if (page.gray.length !== page.width * page.height) return Promise.reject(new Error('orientation input is not one gray byte per pixel'));
    const args = ['stdin', 'stdout', '--psm', '0', '--dpi', String(Math.max(70, Math.round(page.dpi)))];
    return new Promise((resolve, reject) => {
      const child = execFile(
        this.binary,
        args,
        { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, timeout: this.timeoutMs, maxBuffer: 64 * 1024, signal, encoding: 'utf8' },
        (err, stdout, stderr) => {
          if (!err) return resolve(parseOsd(stdout));
          if (TOO_FEW.test(stderr) || TOO_FEW.test(stdout)) return resolve(null);
          const code = (err as NodeJS.ErrnoException).code;
          reject(new Error(code === 'ENOENT' ? `找不到 ${this.binary}（tesseract-ocr 未安装）` : `tesseract 方向检测失败：${stderr.trim() || err.message}`));
        },
      );
      // tesseract may exit (e.g. on a bad option) before reading all of stdin; the exit status tells the story.
      child.stdin?.on('error', () => {});
      child.stdin?.end(Buffer.concat([Buffer.from(`P5\n${page.width} ${page.height}\n255\n`, 'ascii'), page.gray]));
    });
  }
}
