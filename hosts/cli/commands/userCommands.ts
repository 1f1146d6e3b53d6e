import type { Command } from 'commander';
import { CourtError, roleLabels, roles, type Role, type User } from '../../../core/contract/index.js';
import { call } from '../cliContext.js';
import { readSecret } from '../secret.js';
import type { Run } from '../program.js';

function parseRoles(value: string): Role[] {
  const list = value.split(/[,，]/).map((r) => r.trim());
  const bad = list.filter((r) => !(roles as readonly string[]).includes(r));
  if (bad.length) {
    throw new CourtError('INVALID_INPUT', {
      message: `未知角色：${bad.join('、')}；可选：${roles.map((r) => `${r}（${roleLabels[r].zh}）`).join('、')}`,
      messageEn: `unknown role(s): ${bad.join(', ')}`,
    });
  }
  return list as Role[];
}

export function registerUserCommands(program: Command, run: Run): void {
  const users = program.command('user').description('用户与角色 / users and roles');

  users
    .command('add')
    .description('添加本地用户；密码取自 --password-env 指定的环境变量或终端提示 / add a local user')
    .requiredOption('--username <用户名>')
    .option('--name <姓名>', '显示名称')
    .requiredOption('--role <角色>', `角色，逗号分隔：${roles.join(',')}`, parseRoles)
    .option('--password-env <变量名>', '从该环境变量读取密码（用于脚本）')
    .action((opts: { username: string; name?: string; role: Role[]; passwordEnv?: string }, cmd: Command) =>
      run(cmd, async ({ core, out }) => {
        const password = await readSecret(opts.passwordEnv, `请输入 ${opts.username} 的密码：`);
        const user = await call<User>(core(), 'users.add', {
          username: opts.username,
          displayName: opts.name ?? opts.username,
          roles: opts.role,
          password,
        });
        out.result(user, () => `已添加用户 ${user.username}（${user.roles.map((r) => roleLabels[r].zh).join('、')}）`);
      }),
    );

  users
    .command('list')
    .description('列出用户 / list users')
    .action((_opts: unknown, cmd: Command) =>
      run(cmd, async ({ core, out }) => {
        const list = await call<User[]>(core(), 'users.list', {});
        out.result(list, () => list.map((u) => `${u.username}\t${u.displayName}\t${u.roles.map((r) => roleLabels[r].zh).join('、')}`).join('\n'));
      }),
    );
}
