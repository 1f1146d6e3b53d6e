import type { ErrorEntry } from './entry.js';

/** Catalogue standards, auto-cataloguing (智能编目) and its training data. */
export const catalogueErrors = {
  CATALOGUE_STANDARD_INVALID: {
    zh: '编目标准文件有误',
    en: 'A catalogue standard file is invalid',
    remedy: '请按提示修改该编目标准文件中出错的条目（或恢复为随软件提供的版本）后重试',
    exit: 1,
  },
  CATALOGUE_STANDARD_MISSING: {
    zh: '找不到编目标准文件',
    en: 'No catalogue standard files were found',
    remedy: '请确认软件安装完整（resources/catalogue 下应有各类案件的编目标准），或重新安装',
    exit: 1,
  },
  CATALOGUE_CATEGORY_UNKNOWN: {
    zh: '未知的材料类别',
    en: 'Unknown document category',
    remedy: '请从编目标准列出的材料类别中选择；需要新类别时请管理员先在编目标准中添加',
    exit: 2,
  },
  CATALOGUE_PAGES_INVALID: {
    zh: '材料的页码范围有误',
    en: 'Invalid page range for a document',
    remedy: '每份材料的起止页须在本案页码范围内、按顺序排列且互不重叠，请核对后重新保存',
    exit: 2,
  },
  CATALOGUE_NO_PAGES: {
    zh: '该案件还没有可编目的页面',
    en: 'The case has no pages to catalogue',
    remedy: '请先扫描或导入该案件的卷宗材料，待文字识别完成后再编目',
    exit: 1,
  },
  CATALOGUE_CONFIRMED: {
    zh: '该案件的编目已经人工确认，机器编目不能覆盖',
    en: 'A person has confirmed this catalogue; a machine catalogue cannot replace it',
    remedy: '请在“编目”页面打开该案件核对修改；确需重新编目的，也在该页面调整后保存',
    exit: 1,
  },
  CATALOGUE_UNDECIDED: {
    zh: '还有材料未选择类别',
    en: 'Some documents have no category yet',
    remedy: '请按 N 跳到待核对的材料，按 C 选择类别后再保存编目',
    exit: 2,
  },
} as const satisfies Record<string, ErrorEntry>;
