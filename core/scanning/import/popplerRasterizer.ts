import { execFile } from 'node:child_process';
import { CourtError } from '../../contract/index.js';
import type { RawPage } from '../pipeline/rawPage.js';
import { damaged, unsupported } from './importErrors.js';
import { MAX_PAGE_PIXELS, type PdfPageInfo, type PdfRasterizer } from './pdfRasterizer.js';

interface Run {
  code: number;
  stdout: Buffer;
  stderr: string;
}

const TIMEOUT_MS = 120_000;

/** Runs a poppler/qpdf tool; a non-zero exit is data for the caller, a missing tool is an installation fault. */
function run(cmd: string, args: string[], maxBuffer = 16 * 1024 * 1024): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { encoding: 'buffer', maxBuffer, timeout: TIMEOUT_MS }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { code?: string | number; killed?: boolean }) | null;
      if (e?.code === 'ENOENT') {
        return reject(new CourtError('INTERNAL', { message: `找不到 ${cmd}，请安装 poppler-utils 与 qpdf`, details: { cmd } }));
      }
      if (e && typeof e.code !== 'number') return reject(e);
      resolve({ code: typeof e?.code === 'number' ? e.code : 0, stdout, stderr: stderr.toString('utf8') });
    });
  });
}

const PPM_HEADER = /^P([56])\s+(\d+)\s+(\d+)\s+(\d+)\s/;

function parsePpm(file: string, page: number, bytes: Buffer, dpi: number): RawPage {
  const head = PPM_HEADER.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!head || head[4] !== '255') throw damaged(file, page, 'renderer produced no image');
  const channels = head[1] === '6' ? 3 : 1;
  const width = Number(head[2]);
  const height = Number(head[3]);
  const data = bytes.subarray(head[0].length);
  if (width < 1 || height < 1 || data.length < width * height * channels) throw damaged(file, page, 'renderer produced a short image');
  return { index: page - 1, width, height, depth: 8, channels, bytesPerLine: width * channels, data, resolution: dpi };
}

/**
 * PDF through qpdf (structure and stream check) and poppler (page sizes, text layer, rendering).
 * Strict on purpose: a page poppler reports errors for may render incomplete, and an
 * incomplete page must not enter a case file unnoticed.
 */
export class PopplerRasterizer implements PdfRasterizer {
  async inspect(file: string): Promise<PdfPageInfo[]> {
    const check = await run('qpdf', ['--check', file]);
    const report = `${check.stdout.toString('utf8')}\n${check.stderr}`;
    if (check.code !== 0 && /invalid password/i.test(report)) throw unsupported(file, '加密的 PDF，需要密码才能打开');
    if (check.code === 2 || (check.code !== 0 && /damaged/i.test(report))) {
      const page = /page (\d+)/i.exec(report.split('\n').filter((l) => /^(ERROR|WARNING)|error/i.test(l)).join('\n'));
      throw damaged(file, page ? Number(page[1]) : undefined, report.trim());
    }
    if (check.code !== 0 && check.code !== 3) throw damaged(file, undefined, report.trim());

    const info = await run('pdfinfo', ['-f', '1', '-l', '1000000', file]);
    const text = info.stdout.toString('utf8');
    if (info.code !== 0) throw damaged(file, undefined, info.stderr);
    const count = Number(/^Pages:\s+(\d+)/m.exec(text)?.[1] ?? 0);
    if (!count) throw damaged(file, undefined, 'no pages');

    const layer = await run('pdftotext', ['-enc', 'UTF-8', file, '-'], 256 * 1024 * 1024);
    const texts = layer.code === 0 ? layer.stdout.toString('utf8').split('\f') : [];

    const pages: PdfPageInfo[] = [];
    for (let n = 1; n <= count; n++) {
      const size = new RegExp(`^Page\\s+${n} size:\\s+([\\d.]+) x ([\\d.]+) pts`, 'm').exec(text);
      const rot = Number(new RegExp(`^Page\\s+${n} rot:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
      if (!size) throw damaged(file, n, 'page size missing');
      const [w, h] = [Number(size[1]), Number(size[2])];
      const turned = rot % 180 === 90;
      pages.push({ number: n, widthPt: turned ? h : w, heightPt: turned ? w : h, hasText: /\S/.test(texts[n - 1] ?? '') });
    }
    return pages;
  }

  async render(file: string, page: number, dpi: number): Promise<RawPage> {
    // enough room for the page at this dpi, with slack for rounding
    const expected = Math.ceil(MAX_PAGE_PIXELS * 3 * 1.1) + 1024;
    const out = await run('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-cropbox', file], expected);
    if (out.code !== 0 || /Error/.test(out.stderr)) throw damaged(file, page, out.stderr.trim());
    return parsePpm(file, page, out.stdout, dpi);
  }
}
