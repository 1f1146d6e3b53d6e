import type { Command } from 'commander';
import { CourtError } from '../../../core/contract/index.js';
import { resolve } from 'node:path';
import { DEFAULT_OCR_LANGS } from '../../../core/ocr/port.js';
import { captureResultJson } from '../../../core/scanning/batches/captureResult.js';
import { createCaptureServices } from '../../capture.js';
import { createOcrQueue } from '../../ocr.js';
import { cliCallContext } from '../cliContext.js';
import { exitCodeForErrors } from '../output.js';
import type { Run } from '../program.js';

function pageNumber(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new CourtError('INVALID_INPUT', { message: `--after 应为 0 或正整数页码（输入：${value}）`, messageEn: `--after takes a page number, 0 or more (input: ${value})` });
  }
  return n;
}

export function registerImportCommand(program: Command, run: Run): void {
  program
    .command('import')
    .description('导入电子材料（PDF、多页 TIFF、JPEG、PNG）到案件 / import files into a case')
    .requiredOption('--case <案号>')
    .option('--after <页码>', '插入到本案第 N 页之后（0 为最前），默认接在最后', pageNumber)
    .argument('<文件...>')
    .action((files: string[], opts: { case: string; after?: number }, cmd: Command) =>
      run(cmd, async ({ core, out }) => {
        const opened = core();
        const capture = createCaptureServices(opened);
        try {
          const result = await capture.imports.importFiles({
            caseNumber: opts.case,
            actor: cliCallContext().session!.username,
            files: files.map((f) => resolve(f)),
            insertAfter: opts.after,
            onProgress: (p) => out.info(`导入 ${p.file}：${p.done}/${p.total} 页`),
          });
          // Queued durably: `courtdesk ocr --case` or the running workstation recognises them.
          createOcrQueue(opened).enqueue(result.pages.map((p) => p.pageId), DEFAULT_OCR_LANGS);
          const json = captureResultJson(result, opened.blobs);
          out.result(json, () => `已导入 ${json.pages.length} 页到 ${json.case}`);
          for (const e of json.errors) out.info(`错误：${e.message}。${e.remedy}`);
          process.exitCode = exitCodeForErrors(json.errors, json.pages.length);
        } finally {
          await capture.close();
        }
      }),
    );
}
