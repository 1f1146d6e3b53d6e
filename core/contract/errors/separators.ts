import type { ErrorEntry } from './entry.js';

/** Separator and cover sheets: printing them, and routing the pages a scan finds behind them. */
export const separatorsErrors = {
  SEPARATOR_CATEGORY_INVALID: {
    zh: '分隔页的材料类别无效',
    en: 'Invalid document category for a separator sheet',
    remedy: '类别应为 1–20 个字，不含“|”与换行，如 起诉状、证据材料',
    exit: 2,
  },
  SEPARATOR_CASE_UNKNOWN: {
    zh: '扫描到的封面页或分隔页所示案件在本工作站不存在',
    en: 'A scanned cover or separator sheet names a case this workstation does not have',
    remedy: '请先创建该案件，再从这张封面页起重新放入进纸器，选择“继续扫描”',
    exit: 1,
  },
  SHEETS_WRITE_FAILED: {
    zh: '无法写入分隔页文件',
    en: 'Could not write the sheets file',
    remedy: '请检查输出路径是否存在、是否有写入权限及磁盘空间',
    exit: 1,
  },
} as const satisfies Record<string, ErrorEntry>;
