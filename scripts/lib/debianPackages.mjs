// Debian packages the workstation and its tests need, each with why, so a missing one can be explained.
export const debianPackages = [
  ['tesseract-ocr', 'OCR 文字识别'],
  ['tesseract-ocr-chi-sim', 'OCR 简体中文'],
  ['tesseract-ocr-chi-tra', 'OCR 繁体中文'],
  ['tesseract-ocr-bod', 'OCR 藏文'],
  ['tesseract-ocr-eng', 'OCR 英文'],
  ['tesseract-ocr-osd', 'OCR 页面方向检测'],
  ['libsane1', 'SANE 扫描仪驱动'],
  ['sane-utils', 'SANE 工具 (scanimage)'],
  ['chromium', '网页版界面与端到端测试'],
  ['postgresql', '法院内网服务器数据库'],
  ['poppler-utils', 'PDF 渲染与校验 (pdftoppm, pdftotext, pdfsig)'],
  ['qpdf', 'PDF 结构校验'],
  ['socat', '网络故障测试'],
  ['fonts-noto-cjk', '中文字体'],
];
