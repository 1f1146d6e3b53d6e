import type { Command } from 'commander';
import { resolve } from 'node:path';
import { getCase } from '../../../core/cases/caseRepository.js';
import { CourtError } from '../../../core/contract/index.js';
import { ocrFileCommand } from '../../../core/ocr/ocrFileCommand.js';
import { DEFAULT_OCR_LANGS, parseLangs } from '../../../core/ocr/port.js';
import { TesseractEngine } from '../../../native/tesseract/tesseractEngine.js';
import { createOcrQueue } from '../../ocr.js';
import type { Run } from '../program.js';

function parsePage(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CourtError('INVALID_INPUT', { message: `页码无效：${value}`, messageEn: `invalid page: ${value}` });
  return n;
}

export function registerOcrCommand(program: Command, run: Run): void {
  program
    .command('ocr')
    .description('文字识别：识别一个图像或 PDF 页面，或用 --case 识别案件中所有尚未识别的页面 / OCR')
    .argument('[文件]', '图像（PNG、JPEG、TIFF）或 PDF')
    .option('--lang <语言>', '语言，用 + 连接：chi_sim、chi_tra、eng、bod', DEFAULT_OCR_LANGS.join('+'))
    .option('--page <n>', 'PDF 的页码', parsePage, 1)
    .option('--case <案号>', '识别该案件中尚无文字的全部页面（后台队列，断点续做）')
    .action((file: string | undefined, opts: { lang: string; page: number; case?: string }, cmd: Command) =>
      run(cmd, async ({ globals, core, out }) => {
        if (!file === !opts.case) {
          throw new CourtError('INVALID_INPUT', { message: '请指定一个文件，或用 --case 指定案号（二选一）', messageEn: 'give either FILE or --case' });
        }
        const langs = parseLangs(opts.lang);
        if (file) {
          const engine = new TesseractEngine();
          const result = await ocrFileCommand(engine, resolve(file), { lang: langs.join('+'), page: opts.page, json: globals.json });
          out.result(result, () => (typeof result === 'string' ? result : result.text));
          return;
        }
        const opened = core();
        const found = getCase(opened.db, opts.case!);
        const pageIds = opened.db
          .prepare('SELECT p.id FROM pages p LEFT JOIN page_text t ON t.page_id = p.id WHERE p.case_id = ? AND t.page_id IS NULL ORDER BY p.position')
          .pluck()
          .all(found.id) as number[];
        const queue = createOcrQueue(opened);
        const unsubscribe = opened.events.on('job.progress', (p) => out.info(`${p.message}（${p.done}/${p.total ?? '?'}）`));
        try {
          queue.enqueue(pageIds, langs);
          queue.start();
          await queue.idle();
        } finally {
          unsubscribe();
          await queue.stop();
        }
        const status = queue.status();
        const summary = { case: found.number, pages: pageIds.length, done: status.done, failed: status.failed, error: status.lastError };
        out.result(summary, () => `${found.number}：已识别 ${status.done} 页，失败 ${status.failed} 页${status.lastError ? `。${status.lastError.message}，${status.lastError.remedy}` : ''}`);
        if (status.failed > 0 || status.lastError) process.exitCode = 1;
      }),
    );
}
