import type { ErrorEntry } from './entry.js';

/** Text recognition (OCR) of page images and the background OCR queue. */
export const ocrErrors = {
  OCR_LANG_UNSUPPORTED: {
    zh: '不支持的识别语言',
    en: 'Unsupported OCR language',
    remedy: '可选语言：chi_sim（简体中文）、chi_tra（繁体中文）、eng（英文）、bod（藏文），多种语言用 + 连接，如 chi_sim+eng',
    exit: 2,
  },
  OCR_ENGINE_MISSING: {
    zh: '未找到文字识别程序 tesseract',
    en: 'The OCR program tesseract is not installed',
    remedy: '请让管理员执行 sudo apt-get install tesseract-ocr tesseract-ocr-chi-sim 后重试',
    exit: 1,
  },
  OCR_LANG_MISSING: {
    zh: '缺少所需的文字识别语言包',
    en: 'An OCR language pack is missing',
    remedy: '请让管理员安装对应语言包，如 sudo apt-get install tesseract-ocr-chi-sim',
    exit: 1,
  },
  OCR_INPUT_NOT_FOUND: {
    zh: '找不到要识别的文件',
    en: 'The file to recognise was not found',
    remedy: '请核对文件路径，并确认当前用户有读取权限',
    exit: 2,
  },
  OCR_IMAGE_UNREADABLE: {
    zh: '无法读取该图像，文件可能已损坏或不是图片',
    en: 'The image cannot be read',
    remedy: '请确认文件是未损坏的 PNG、JPEG、TIFF 或 PDF；扫描件请重新扫描该页',
    exit: 2,
  },
  OCR_FAILED: {
    zh: '文字识别失败',
    en: 'Text recognition failed',
    remedy: '请重试；如同一页反复失败，请重新扫描该页或联系技术支持',
    exit: 1,
  },
  OCR_CANCELLED: { zh: '文字识别已取消', en: 'Text recognition was cancelled', remedy: '需要时可重新发起识别', exit: 1 },
  OCR_PAGE_NOT_FOUND: {
    zh: '要识别的页面不存在',
    en: 'The page to recognise does not exist',
    remedy: '页面可能已被删除，请刷新页面列表后重试',
    exit: 2,
  },
} as const satisfies Record<string, ErrorEntry>;
