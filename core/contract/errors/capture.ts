import type { ErrorEntry } from './entry.js';

/** Scanning, page clean-up and file import. */
export const captureErrors = {
  IMPORT_DAMAGED: {
    zh: '文件已损坏或不完整，无法读取',
    en: 'The file is damaged or incomplete',
    remedy: '请向提交方索取完整的文件，或用原软件重新导出后再导入；该文件的任何页面都未导入',
    exit: 2,
  },
  IMPORT_UNSUPPORTED: {
    zh: '不支持的文件类型',
    en: 'Unsupported file type',
    remedy: '请导入 PDF、TIFF、JPEG 或 PNG 文件；其他格式请先转换为 PDF',
    exit: 2,
  },
  IMPORT_UNREADABLE: {
    zh: '无法打开要导入的文件',
    en: 'Cannot open the file to import',
    remedy: '请确认文件路径正确且当前用户有读取权限',
    exit: 2,
  },
  IMPORT_CANCELLED: {
    zh: '导入已取消，当前文件未导入',
    en: 'Import cancelled; the current file was not imported',
    remedy: '已导入的文件保持不变；需要时请重新导入未完成的文件',
    exit: 1,
  },
  CAPTURE_BAD_PAGE: {
    zh: '扫描仪送来的页面数据无效',
    en: 'The scanner delivered an invalid page',
    remedy: '请检查扫描仪连接与驱动后，从最后一页起继续扫描',
    exit: 1,
  },
  PAGE_PROCESSING_FAILED: {
    zh: '页面处理失败',
    en: 'Page processing failed',
    remedy: '已完成的页面均已保存；请重试，如仍失败请将日志发送给技术支持',
    exit: 1,
  },
  ORIENTATION_UNAVAILABLE: {
    zh: '无法判断页面方向，页面已按原方向保存',
    en: 'Page orientation could not be checked; the page was kept as scanned',
    remedy: '请确认已安装 tesseract-ocr（含 osd 数据）；可在页面列表中手动旋转',
    exit: 1,
  },
  BATCH_NOT_FOUND: { zh: '未找到该扫描批次', en: 'Capture batch not found', remedy: '请刷新批次列表后重试', exit: 1 },
  BATCH_NOT_RESUMABLE: {
    zh: '该扫描批次不能继续',
    en: 'This capture batch cannot be continued',
    remedy: '只有中断、取消或失败的批次可以继续；请新建批次扫描',
    exit: 1,
  },
} as const satisfies Record<string, ErrorEntry>;
