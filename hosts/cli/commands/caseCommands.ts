import type { Command } from 'commander';
import { CourtError, partyRoles, type Case, type Party } from '../../../core/contract/index.js';
import { parseCaseNumber } from '../../../core/cases/caseNumber.js';
import { call } from '../cliContext.js';
import type { Run } from '../program.js';

function parseParty(value: string, previous: Party[] = []): Party[] {
  const m = /^([^:：]+)[:：](.+)$/.exec(value);
  const role = m?.[1].trim() as Party['role'] | undefined;
  if (!m || !role || !(partyRoles as readonly string[]).includes(role)) {
    throw new CourtError('INVALID_INPUT', {
      message: `当事人格式应为“角色:姓名”，角色为 ${partyRoles.join('、')} 之一（输入：${value}）`,
      messageEn: `party must be "role:name" (input: ${value})`,
    });
  }
  return [...previous, { role, name: m[2].trim() }];
}

const partiesText = (c: Case) => c.parties.map((p) => `${p.role}:${p.name}`).join('，');

function caseLines(c: Case): string {
  return [`案号：${c.number}`, `标题：${c.title || '—'}`, `当事人：${partiesText(c) || '—'}`, `创建：${c.createdAt}（${c.createdBy}）`].join('\n');
}

export function registerCaseCommands(program: Command, run: Run): void {
  const cases = program.command('case').description('案件：创建、列表、查看 / cases: create, list, show');

  cases
    .command('create')
    .description('创建案件 / create a case')
    .requiredOption('--number <案号>', '案号，例如 (2024)苏0508民初1234号')
    .option('--title <标题>', '案由或标题')
    .option('--type <类型代字>', '类型代字，如 民初、刑初；须与案号一致')
    .option('--party <角色:姓名>', '当事人，可重复，如 原告:张三', parseParty)
    .action((opts: { number: string; title?: string; type?: string; party?: Party[] }, cmd: Command) =>
      run(cmd, async ({ core, out }) => {
        // Checked before the store is opened so that bad input leaves no trace, not even a new data directory.
        parseCaseNumber(opts.number);
        const created = await call<Case>(core(), 'cases.create', { number: opts.number, title: opts.title, type: opts.type, parties: opts.party });
        out.result(created, () => `已创建案件 ${created.number}`);
      }),
    );

  cases
    .command('list')
    .description('列出案件，可按案号片段或当事人搜索 / list cases')
    .option('--search <关键词>', '案号片段、标题或当事人姓名')
    .option('--limit <n>', '最多条数', (v) => Number.parseInt(v, 10), 100)
    .action((opts: { search?: string; limit: number }, cmd: Command) =>
      run(cmd, async ({ core, out }) => {
        const list = await call<Case[]>(core(), 'cases.list', { query: opts.search, limit: opts.limit });
        out.result(list, () =>
          list.length === 0 ? '（暂无案件）' : list.map((c) => `${c.number}\t${c.title || '—'}\t${partiesText(c) || '—'}\t${c.createdAt}`).join('\n'),
        );
      }),
    );

  cases
    .command('show')
    .description('查看案件 / show a case')
    .argument('<案号>')
    .action((number: string, _opts: unknown, cmd: Command) =>
      run(cmd, async ({ core, out }) => {
        const found = await call<Case>(core(), 'cases.get', { number });
        out.result(found, () => caseLines(found));
      }),
    );
}
