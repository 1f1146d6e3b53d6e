import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Characters no file system of a court's machines accepts in a name; a 案号's own shape admits none, this keeps it that way for the path. */
const UNSAFE = /[\\/:*?"<>|]/g;

const pad = (n: number) => String(n).padStart(2, '0');

/** 20240501-103000 in the workstation's local time, as staff read the clock. */
export function compactTimestamp(at: Date): string {
  return `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
}

export const exportsDir = (dataDir: string) => join(dataDir, 'exports');

/** `<dataDir>/exports/<案号>-<timestamp>.pdf`; a second export in the same second gets -2, -3, … rather than replacing the first. */
export function exportFilePath(dataDir: string, caseNumber: string, at: Date): string {
  const stem = `${caseNumber.replace(UNSAFE, '_')}-${compactTimestamp(at)}`;
  for (let n = 1; ; n++) {
    const file = join(exportsDir(dataDir), `${stem}${n === 1 ? '' : `-${n}`}.pdf`);
    if (!existsSync(file)) return file;
  }
}
