import type { ErrorEntry } from './entry.js';

/** Editing a case's scanned pages, and the intake receipt. */
export const pageEditErrors = {
  PAGE_ROTATE_UNSUPPORTED: {
    zh: '该页面的图像格式无法无损旋转',
    en: 'This page image cannot be rotated without loss',
    remedy: '请将该页重新扫描（选中该页后点击“重扫此页”），扫描时放正纸张',
    exit: 1,
  },
  PAGE_POSITION_INVALID: {
    zh: '目标页码超出本案页码范围',
    en: 'The target page number is outside the case',
    remedy: '请刷新页面列表后重新拖动或移动页面',
    exit: 2,
  },
  PAGE_CHANGED: {
    zh: '该页面刚被他人修改',
    en: 'The page was changed by someone else meanwhile',
    remedy: '请刷新页面列表，查看最新页面后再操作',
    exit: 1,
  },
  PAGE_REMOVAL_NOT_FOUND: {
    zh: '找不到可恢复的已删除页面',
    en: 'No removed page to restore',
    remedy: '该页面可能已被恢复；请刷新页面列表查看',
    exit: 1,
  },
  RECEIPT_EMPTY: {
    zh: '本案尚未收到任何材料，无法出具收件回执',
    en: 'Nothing has been received for this case yet',
    remedy: '请先扫描或导入材料，再打印收件回执',
    exit: 1,
  },
  RECEIPT_WRITE_FAILED: {
    zh: '无法写入收件回执文件',
    en: 'Cannot write the receipt file',
    remedy: '请确认输出目录存在且有写入权限、磁盘空间充足',
    exit: 1,
  },
} as const satisfies Record<string, ErrorEntry>;
