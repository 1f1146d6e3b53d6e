import { basename } from 'node:path';
import { CourtError } from '../../contract/index.js';

/** The file is what it claims to be but cannot be read, as a whole or at one page. */
export function damaged(file: string, page?: number, cause?: string): CourtError {
  const name = basename(file);
  return new CourtError('IMPORT_DAMAGED', {
    message: page ? `文件 ${name} 第 ${page} 页无法读取` : `文件 ${name} 已损坏或不完整，无法读取`,
    messageEn: page ? `File ${name}: page ${page} cannot be read` : `File ${name} is damaged or incomplete`,
    details: { file, ...(page ? { page } : {}), ...(cause ? { cause: cause.slice(0, 500) } : {}) },
  });
}

export function unsupported(file: string, seemsToBe: string): CourtError {
  const name = basename(file);
  return new CourtError('IMPORT_UNSUPPORTED', {
    message: `文件 ${name} 不是可导入的格式（实际内容：${seemsToBe}）`,
    messageEn: `File ${name} is not a PDF, TIFF, JPEG or PNG (${seemsToBe})`,
    details: { file, seemsToBe },
  });
}

export function unreadable(file: string, cause: string): CourtError {
  return new CourtError('IMPORT_UNREADABLE', {
    message: `无法打开文件 ${basename(file)}`,
    messageEn: `Cannot open ${basename(file)}`,
    details: { file, cause },
  });
}
