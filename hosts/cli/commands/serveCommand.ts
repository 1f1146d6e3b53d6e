import type { Command } from 'commander';
import { resolve } from 'node:path';
import { CourtError } from '../../../core/contract/index.js';
import { startWorkstation } from '../../workstation.js';
import { openBrowser } from '../openBrowser.js';
import type { Run } from '../program.js';

const staticDir = resolve(new URL('../../../dist/renderer', import.meta.url).pathname);

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CourtError('INVALID_INPUT', { message: `端口号无效：${value}`, messageEn: `invalid port: ${value}` });
  }
  return port;
}

export function registerServeCommand(program: Command, run: Run): void {
  program
    .command('serve')
    .description('启动网页版工作站（默认仅本机 127.0.0.1）/ serve the UI over HTTP + WebSocket')
    .option('--port <n>', '端口（0 表示自动选择）', parsePort, 0)
    .option('--host <地址>', '监听地址；对内网开放时设为内网地址', '127.0.0.1')
    .option('--open', '启动后用本机浏览器打开')
    .action((opts: { port: number; host: string; open?: boolean }, cmd: Command) =>
      run(cmd, async ({ core, out }) => {
        const opened = core();
        const password = await opened.ensureInitialAdmin();
        if (password) out.info(`首次启动：已创建管理员账号 admin，初始密码（仅显示这一次）：${password}`);
        // Loaded here so that batch commands do not pay for the web stack at start-up.
        const { startWebHost } = await import('../../web/webHost.js');
        const workstation = startWorkstation(opened);
        const web = await startWebHost({ core: opened, port: opts.port, host: opts.host, staticDir });
        out.result({ url: web.url }, () => `CourtDesk 已启动：${web.url}\n按 Ctrl+C 停止。`);
        if (opts.open) openBrowser(web.url, out);
        await new Promise<void>((done) => {
          for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => done());
        });
        await web.close();
        await workstation.stop();
      }),
    );
}
