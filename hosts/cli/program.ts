import { Command, CommanderError } from 'commander';
import type { CourtCore } from '../../core/app/courtCore.js';
import { openCliCore } from './cliContext.js';
import { createOutput, reportError, type Output } from './output.js';
import { version } from '../version.js';

export interface GlobalOptions {
  dataDir?: string;
  json?: boolean;
}

export interface RunEnv {
  globals: GlobalOptions;
  out: Output;
  /** Opens the store on first use and closes it when the command ends. */
  core(): CourtCore;
}

export type Run = (cmd: Command, action: (env: RunEnv) => Promise<void>) => Promise<void>;

/** Runs one command with its output mode and store, turning any error into the promised exit code. */
export const run: Run = async (cmd, action) => {
  const globals = cmd.optsWithGlobals<GlobalOptions>();
  const out = createOutput(Boolean(globals.json));
  let opened: CourtCore | undefined;
  try {
    await action({ globals, out, core: () => (opened ??= openCliCore(globals.dataDir)) });
  } catch (err) {
    process.exitCode = reportError(err, out.json);
  } finally {
    opened?.close();
  }
};

export function createProgram(): Command {
  const program = new Command('courtdesk')
    .description('CourtDesk 法院卷宗工作站命令行 / court dossier workstation CLI')
    .version(version, '-V, --version')
    .option('--data-dir <目录>', '数据目录（默认：$COURTDESK_HOME，否则 ~/.courtdesk）')
    .option('--json', '以 JSON 输出结果 / machine-readable output')
    .exitOverride();
  // Usage errors are reported once, in Chinese and English, by exitCodeOf.
  program.configureOutput({ outputError: () => undefined });
  return program;
}

const usageMessages: Record<string, string> = {
  'commander.unknownCommand': '未知命令',
  'commander.unknownOption': '未知选项',
  'commander.missingMandatoryOptionValue': '缺少必填选项',
  'commander.missingArgument': '缺少参数',
  'commander.optionMissingArgument': '选项缺少取值',
  'commander.excessArguments': '参数过多',
  'commander.invalidArgument': '参数取值无效',
};

/** Commander's own usage errors are bad input: exit 2, one line in Chinese and English. */
export function exitCodeOf(err: unknown): number {
  if (!(err instanceof CommanderError)) return reportError(err, false);
  if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(err.code)) return 0;
  const en = err.message.replace(/^error: /, '');
  process.stderr.write(`错误：${usageMessages[err.code] ?? '用法错误'}（${en}），请用 courtdesk --help 查看用法 / Error: ${en}\n`);
  return 2;
}
