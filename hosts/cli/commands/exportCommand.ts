import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CourtError } from '../../../core/contract/index.js';
import { exportDossier } from '../../../core/dossier/exportDossier.js';
import { workstationLedger } from '../../../core/dossier/integrity/workstationLedger.js';
import { cliCallContext } from '../cliContext.js';
import { readSecret } from '../secret.js';
import type { Run } from '../program.js';

function readKeyFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw new CourtError('SEAL_BAD_KEYSTORE', { message: `无法读取签章证书文件：${file}`, messageEn: `cannot read key file: ${file}` });
  }
}

export function registerExportCommand(program: Command, run: Run): void {
  program
    .command('export')
    .description('生成电子卷宗 PDF（可加盖电子签章）/ export the e-dossier PDF')
    .requiredOption('--case <案号>')
    .requiredOption('--out <文件>', '输出 PDF 路径')
    .option('--sign <证书.p12>', '用 PKCS#12 证书加盖电子签章')
    .option('--pass-env <变量名>', '证书口令所在的环境变量')
    .action((opts: { case: string; out: string; sign?: string; passEnv?: string }, cmd: Command) =>
      run(cmd, async ({ core, out }) => {
        const seal = opts.sign
          ? { p12: readKeyFile(opts.sign), passphrase: await readSecret(opts.passEnv, '请输入证书口令：') }
          : undefined;
        const opened = core();
        const result = await exportDossier(
          { db: opened.db, blobs: opened.blobs, ledger: await workstationLedger(opened.dataDir, opened.keyVault) },
          {
            caseNumber: opts.case,
            out: resolve(opts.out),
            actor: cliCallContext().session!.username,
            seal,
            onPage: (done, total) => {
              if (done === total || done % 25 === 0) out.info(`导出进度 ${done}/${total} 页`);
            },
          },
        );
        out.result(result, () => `已生成电子卷宗 ${result.file}（${result.documents} 份材料，${result.pages} 页${result.signed ? '，已签章' : ''}）`);
      }),
    );
}
