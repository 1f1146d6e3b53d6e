import koffi from 'koffi';
import { CourtError } from '../../core/contract/index.js';
import type { DsmEntry } from './dsmEntry.js';
import { marshalled, type RawDsmEntry } from './marshal.js';

/**
 * The one place that loads the TWAIN Data Source Manager. Windows finds TWAINDSM.dll through the
 * DLL search path (the TWAIN Working Group's installer puts it in System32, or SysWOW64 for a
 * 32-bit process). COURTDESK_TWAINDSM names another library: the Working Group also builds the
 * DSM for Linux (libtwaindsm.so), which lets the binding itself be exercised off Windows.
 */
export const dsmPathVariable = 'COURTDESK_TWAINDSM';

let loaded: DsmEntry | null = null;

export function dsmLibraryPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  return env[dsmPathVariable] || (platform === 'win32' ? 'TWAINDSM.dll' : null);
}

export function loadDsm(env: NodeJS.ProcessEnv = process.env): DsmEntry {
  if (loaded) return loaded;
  const path = dsmLibraryPath(env);
  if (!path) {
    throw new CourtError('SCANNER_DRIVER_MISSING', {
      message: 'TWAIN 扫描仪驱动仅在 Windows 上可用',
      messageEn: 'TWAIN is available on Windows only',
      remedy: '在 Linux（统信 UOS、麒麟）上请使用 SANE 驱动',
      details: { platform: process.platform },
    });
  }
  let lib: ReturnType<typeof koffi.load>;
  try {
    lib = koffi.load(path);
  } catch (err) {
    throw new CourtError('SCANNER_DRIVER_MISSING', {
      message: '未找到 TWAIN 数据源管理器（TWAINDSM.dll）',
      messageEn: 'The TWAIN Data Source Manager (TWAINDSM.dll) is not installed',
      remedy: `请安装扫描仪厂商提供的 TWAIN 驱动（其中包含 TWAINDSM.dll），或安装 TWAIN 工作组发布的 TWAIN DSM；${process.arch === 'ia32' ? '32 位' : '64 位'}程序需要同样位数的 DSM 与驱动`,
      details: { path, arch: process.arch, cause: err instanceof Error ? err.message : String(err) },
    });
  }
  // twain.h declares DSM_Entry PASCAL: __stdcall on 32-bit Windows, the one calling convention on x64 and elsewhere.
  const callconv = process.platform === 'win32' && process.arch === 'ia32' ? '__stdcall' : '';
  const raw = lib.func(`uint16 ${callconv} DSM_Entry(void *pOrigin, void *pDest, uint32 DG, uint16 DAT, uint16 MSG, void *pData)`) as RawDsmEntry;
  loaded = marshalled(raw, callconv);
  return loaded;
}
