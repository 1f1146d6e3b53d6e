import type { Command } from 'commander';
import { resolve } from 'node:path';
import { CourtError } from '../../../core/contract/index.js';
import { issueReceipt } from '../../../core/scanning/receipt/intakeReceipts.js';
import { writeFileDurably } from '../../../core/store/durableFile.js';
import { cliCallContext } from '../cliContext.js';
import type { Run } from '../program.js';

export function registerReceiptCommand(program: Command, run: Run): void {
  program
    .command('receipt')
    .description('打印收件回执（A4 PDF）：本案收到的材料、页数、回执编号与交件人签名栏 / print the intake receipt')
    .requiredOption('--case <案号>')
    .requiredOption('--out <文件.pdf>', '输出的 PDF 文件')
    .action((opts: { case: string; out: string }, cmd: Command) =>
      run(cmd, async ({ core, out }) => {
        const opened = core();
        const receipt = await issueReceipt(opened, opts.case, cliCallContext().session!.username);
        const file = resolve(opts.out);
        try {
          writeFileDurably(file, receipt.pdf);
        } catch (e) {
          throw new CourtError('RECEIPT_WRITE_FAILED', { details: { file, cause: e instanceof Error ? e.message : String(e) } });
        }
        const { number, issuedAt, pages, sha256, again } = receipt;
        out.result({ case: opts.case, number, issuedAt, pages, file, sha256, again }, () => `${again ? '本案无新收材料，再次输出' : '已出具'}收件回执 ${number}（共 ${pages} 页）：${file}`);
      }),
    );
}
