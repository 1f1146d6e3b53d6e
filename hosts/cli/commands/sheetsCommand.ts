import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getCase } from '../../../core/cases/caseRepository.js';
import { CourtError } from '../../../core/contract/index.js';
import { renderSheets } from '../../../core/scanning/separators/sheets.js';
import type { Run } from '../program.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerSheetsCommand(program: Command, run: Run): void {
  program
    .command('sheets')
    .description('打印扫描封面页与分隔页（二维码 + Code 128），扫描时自动分案、分材料 / print cover and separator sheets')
    .requiredOption('--case <案号>', '每个案号一张封面页，可重复', collect)
    .option('--category <类别>', '每个类别一张分隔页（每个案件各一张），可重复，如 起诉状', collect)
    .requiredOption('--out <文件.pdf>', '输出的 PDF 文件')
    .action((opts: { case: string[]; category?: string[]; out: string }, cmd: Command) =>
      run(cmd, async ({ core, out }) => {
        const opened = core();
        const cases = opts.case.map((n) => getCase(opened.db, n));
        const pdf = await renderSheets({ cases: cases.map((c) => ({ case: c, categories: opts.category ?? [] })) });
        const file = resolve(opts.out);
        try {
          writeFileSync(file, pdf);
        } catch (e) {
          throw new CourtError('SHEETS_WRITE_FAILED', { details: { file, cause: e instanceof Error ? e.message : String(e) } });
        }
        const pages = cases.length * (1 + (opts.category?.length ?? 0));
        out.result({ file, pages, cases: cases.map((c) => c.number), categories: opts.category ?? [] }, () => `已生成 ${pages} 张封面页/分隔页：${file}`);
      }),
    );
}
