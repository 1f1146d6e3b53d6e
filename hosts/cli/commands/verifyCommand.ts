import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { CourtError } from '../../../core/contract/index.js';
import { verifyCaseStore, type StoreVerdict } from '../../../core/dossier/verify/verifyCaseStore.js';
import { verifyDossierPdf, type PdfVerdict } from '../../../core/dossier/verify/verifyDossierPdf.js';
import { storeVerifierKeys } from '../../../core/dossier/desk/verifyStore.js';
import { resolveDataDir } from '../../../core/config/dataDir.js';
import type { Run } from '../program.js';

const problemText: Record<string, string> = {
  altered: '内容被改动',
  missing: '页面缺失',
  reordered: '页面顺序被调换',
  added: '被插入了不属于本卷宗的页面',
  unlogged: '页面未登记在防篡改日志中',
};

/** Keys this verifier trusts: the workstation's own, those in trusted-keys.txt, and --trust-key. */
async function trustedKeys(dataDir: string, extra: string[]): Promise<string[]> {
  return [...extra, ...(await storeVerifierKeys(dataDir))];
}

function verdictText(v: PdfVerdict | StoreVerdict): { ok: boolean; text: string } {
  switch (v.status) {
    case 'intact':
      return { ok: true, text: `完整 / intact：共 ${v.pages} 页，逐页哈希与签名检查点一致` };
    case 'untrusted-key':
      return { ok: false, text: `无法确认：签名密钥不在信任列表中（${v.verifierKey}）。请向法院核实该密钥后用 --trust-key 指定 / untrusted signing key` };
    case 'invalid-manifest':
      return { ok: false, text: `完整性清单无效：${v.reason} / the integrity manifest does not verify` };
    case 'not-ours':
    case 'damaged':
      throw new CourtError('VERIFY_NOT_A_DOSSIER', { details: { status: v.status, reason: v.reason } });
    default:
      return {
        ok: false,
        text: `已被篡改 / ${v.status}：第 ${v.position} 页${'pageLabel' in v && v.pageLabel ? `（页码 ${v.pageLabel}）` : ''}${problemText[v.status] ?? ''}，所属文书：${v.document}`,
      };
  }
}

export function registerVerifyCommand(program: Command, run: Run): void {
  program
    .command('verify')
    .description('校验电子卷宗是否完整未被篡改 / verify an e-dossier')
    .argument('[文件.pdf]', '导出的电子卷宗 PDF')
    .option('--case <案号>', '改为校验本机数据库中的该案件')
    .option('--trust-key <验证密钥>', '信任的工作站验证密钥，可重复', (v: string, prev: string[] = []) => [...prev, v])
    .action((file: string | undefined, opts: { case?: string; trustKey?: string[] }, cmd: Command) =>
      run(cmd, async ({ globals, core, out }) => {
        if (!file === !opts.case) {
          throw new CourtError('INVALID_INPUT', { message: '请指定一个 PDF 文件，或用 --case 指定案号（二选一）', messageEn: 'give either FILE.pdf or --case' });
        }
        const dataDir = resolveDataDir({ flag: globals.dataDir });
        const keys = await trustedKeys(dataDir, opts.trustKey ?? []);
        let verdict: PdfVerdict | StoreVerdict;
        if (file) {
          if (!existsSync(file)) throw new CourtError('VERIFY_NOT_A_DOSSIER', { message: `找不到文件：${file}`, messageEn: `no such file: ${file}` });
          verdict = await verifyDossierPdf(readFileSync(file), { trustedVerifierKeys: keys });
        } else {
          const opened = core();
          verdict = verifyCaseStore({ db: opened.db, blobs: opened.blobs, verifierKeys: keys }, opts.case!);
        }
        const { ok, text } = verdictText(verdict);
        out.result({ ...(file ? { file } : { case: opts.case }), ...verdict }, () => text);
        if (!ok) process.exitCode = 1;
      }),
    );
}
