import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { CourtError } from '../../core/contract/index.js';

/** Which scanner API the driver process speaks: TWAIN on Windows, SANE elsewhere, unless set. */
export const driverVariable = 'COURTDESK_SCANNER_DRIVER';
/**
 * Another Node executable for the driver process. A 64-bit process cannot load a 32-bit TWAIN
 * data source; pointing this at a 32-bit node.exe (with koffi's ia32 binary beside the driver
 * code) runs the driver as a 32-bit sidecar while the application stays 64-bit.
 */
export const driverNodeVariable = 'COURTDESK_DRIVER_NODE';

export type DriverKind = 'sane' | 'twain';

export function driverKind(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): DriverKind {
  const wanted = env[driverVariable];
  if (wanted === 'sane' || wanted === 'twain') return wanted;
  return platform === 'win32' ? 'twain' : 'sane';
}

/** The executable to fork the driver host with: undefined for this Node, else the configured one, checked before use. */
export function driverExecPath(env: NodeJS.ProcessEnv): string | undefined {
  const path = env[driverNodeVariable];
  if (!path) return undefined;
  if (!isAbsolute(path) || !existsSync(path)) {
    throw new CourtError('SCANNER_DRIVER_MISSING', {
      message: `找不到扫描仪驱动进程使用的 Node 程序：${path}`,
      messageEn: `The Node executable for the scanner driver process was not found: ${path}`,
      remedy: `请将 ${driverNodeVariable} 设为 32 位 node.exe 的完整路径（例如 C:\\CourtDesk\\driver32\\node.exe），或删除该设置以使用本程序自带的 64 位驱动进程`,
      details: { [driverNodeVariable]: path },
    });
  }
  return path;
}
