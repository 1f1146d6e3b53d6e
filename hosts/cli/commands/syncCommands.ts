import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { CourtError } from '../../../core/contract/index.js';
import { workstationLedger } from '../../../core/dossier/integrity/workstationLedger.js';
import { consistencyProofAt } from '../../../core/ledger/log.js';
import { describeProgress, describeSyncReport, loginCommand, syncCommand } from '../../../core/sync/commands.js';
import { serverCa } from '../../../core/sync/serverCa.js';
import { logout } from '../../../core/sync/session.js';
import { readSecret } from '../secret.js';
import type { Run } from '../program.js';

/** --ca, else the court CA an administrator put in the data directory (server-ca.pem). */
function readCa(file: string | undefined, dataDir: string): Buffer | undefined {
  if (!file) return serverCa(dataDir);
  try {
    return readFileSync(file);
  } catch {
    throw new CourtError('INVALID_INPUT', { message: `无法读取 CA 证书：${file}`, messageEn: `cannot read CA certificate: ${file}` });
  }
}

export function registerSyncCommands(program: Command, run: Run): void {
  program
    .command('login')
    .description('登录法院内网服务器（缓存离线登录凭据）/ sign in to the court server')
    .requiredOption('--server <URL>', '服务器地址，如 https://dossier.court.example:8443')
    .requiredOption('--user <用户名>')
    .option('--password-env <变量名>', '从该环境变量读取密码')
    .option('--ca <证书.pem>', '法院自建 CA 证书（默认：数据目录中的 server-ca.pem）')
    .action((opts: { server: string; user: string; passwordEnv?: string; ca?: string }, cmd: Command) =>
      run(cmd, async ({ core, out }) => {
        const password = await readSecret(opts.passwordEnv, `请输入 ${opts.user} 的密码：`);
        const opened = core();
        // The server pins this workstation's ledger key at first login and checks every later checkpoint against it.
        const { signer } = await workstationLedger(opened.dataDir, opened.keyVault);
        const result = await loginCommand({
          db: opened.db,
          server: opts.server,
          username: opts.user,
          password,
          ca: readCa(opts.ca, opened.dataDir),
          ledgerKey: signer.verifierKey,
          workstationName: hostname(),
        });
        out.result(
          result,
          () =>
            `已登录 ${result.server}（工作站 ${result.workstationId}），有效期至 ${result.expiresAt}` +
            (result.renewalExpiresAt ? `；${result.renewalExpiresAt} 前同步时自动续期，无需再输入密码` : ''),
        );
      }),
    );

  program
    .command('logout')
    .description('退出法院服务器登录（服务器吊销令牌）/ sign out of the court server')
    .action((_opts: unknown, cmd: Command) =>
      run(cmd, async ({ core, out }) => {
        const opened = core();
        const result = await logout(opened.db, { ca: serverCa(opened.dataDir) });
        out.result(result, () => (result.revoked ? '已退出登录，服务器已吊销本工作站的令牌和续期凭据' : '已在本机退出登录（服务器不可达或凭据已失效，到期后自动作废）'));
      }),
    );

  program
    .command('sync')
    .description('把已导出的电子卷宗同步到法院内网服务器，并取回分案信息 / sync with the court server')
    .option('--server <URL>', '服务器地址（默认：上次登录的服务器）')
    .option('--case <案号>', '只同步该案件')
    .option('--ca <证书.pem>', '法院自建 CA 证书（默认：数据目录中的 server-ca.pem）')
    .option('--limit <KB/s>', '带宽上限', (v) => Number.parseInt(v, 10))
    .action((opts: { server?: string; case?: string; ca?: string; limit?: number }, cmd: Command) =>
      run(cmd, async ({ core, out }) => {
        const { db, blobs, dataDir } = core();
        const report = await syncCommand({
          db,
          blobs,
          server: opts.server,
          caseNumber: opts.case,
          ca: readCa(opts.ca, dataDir),
          bandwidthLimit: opts.limit ? opts.limit * 1024 : undefined,
          consistencyProof: async (from, to) => consistencyProofAt(db, from, to),
          onProgress: (p) => {
            const line = describeProgress(p);
            if (line) out.info(line);
          },
        });
        out.result(report, () => describeSyncReport(report).join('\n'));
        if (!report.ok) process.exitCode = 1;
      }),
    );
}
