import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { CourtError } from '../../../core/contract/index.js';
import { catalogueCase, classifyText, saveCatalogue } from '../../../core/catalogue/index.js';
import { cliCallContext } from '../cliContext.js';
import type { Run } from '../program.js';

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new CourtError('INVALID_INPUT', { message: `无法读取文本文件：${file}`, messageEn: `cannot read text file: ${file}` });
  }
}

const percent = (x: number) => `${Math.round(x * 100)}%`;

export function registerCatalogueCommands(program: Command, run: Run): void {
  program
    .command('classify')
    .description('判断一份材料属于编目中的哪一类，并提取案号、当事人、日期、金额等 / classify one document')
    .requiredOption('--text-file <文件>', '材料全文（UTF-8）')
    .option('--case-type <类型代字>', '只在该类案件的编目标准中判断，如 民初')
    .action((opts: { textFile: string; caseType?: string }, cmd: Command) =>
      run(cmd, async ({ core, out }) => {
        const result = classifyText(readText(opts.textFile), { db: core().db, caseType: opts.caseType });
        out.result(result, () => `${result.category ?? '无法确定（需人工编目）'}（置信度 ${percent(result.confidence)}）`);
      }),
    );

  program
    .command('catalogue')
    .description('按编目标准把案件的页面分成材料并归类 / catalogue a case')
    .requiredOption('--case <案号>')
    .option('--save', '把机器编目结果保存为该案件的卷内目录（人工核对前）')
    .action((opts: { case: string; save?: boolean }, cmd: Command) =>
      run(cmd, async ({ core, out }) => {
        const { db } = core();
        const result = catalogueCase(db, opts.case);
        if (opts.save) saveCatalogue(db, opts.case, result.documents, cliCallContext().session!.username, { proposal: result.documents });
        out.result(result, () =>
          result.documents
            .map((d, i) => `${i + 1}. ${d.title || d.category || '（待人工编目）'}\t第 ${d.pages[0]}–${d.pages[1]} 页\t${d.category ?? '待定'}\t${percent(d.confidence)}`)
            .join('\n'),
        );
      }),
    );
}
