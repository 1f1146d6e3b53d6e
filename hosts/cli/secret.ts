import { createInterface } from 'node:readline';
import { CourtError } from '../../core/contract/index.js';

/** A password from a named environment variable (for scripts) or typed at a hidden prompt. */
export async function readSecret(envName: string | undefined, prompt: string): Promise<string> {
  if (envName) {
    const value = process.env[envName];
    if (!value) {
      throw new CourtError('INVALID_INPUT', { message: `环境变量 ${envName} 未设置或为空`, messageEn: `environment variable ${envName} is empty` });
    }
    return value;
  }
  if (!process.stdin.isTTY) {
    throw new CourtError('INVALID_INPUT', {
      message: '非交互环境下请用 --password-env 指定密码所在的环境变量',
      messageEn: 'not a terminal: pass --password-env',
    });
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  // Echo nothing while the password is typed.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s) => {
    if (s.startsWith(prompt)) process.stderr.write(prompt);
  };
  try {
    return await new Promise<string>((resolve) => rl.question(prompt, resolve));
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}
