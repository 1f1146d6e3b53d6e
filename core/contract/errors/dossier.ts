import type { ErrorEntry } from './entry.js';

/** Errors of the e-dossier export. */
export const dossierErrors = {
  DOSSIER_EMPTY: { zh: '该案件还没有任何页面，无法生成电子卷宗', en: 'The case has no pages to export', remedy: '请先扫描或导入材料', exit: 1 },
  DOSSIER_PAGE_MISSING: {
    zh: '页面文件缺失，无法生成电子卷宗',
    en: 'A page file is missing from the store',
    remedy: '请检查数据目录是否完整；可从备份恢复 pages 目录或重新扫描该页',
    exit: 1,
  },
  DOSSIER_FONT_MISSING: {
    zh: '缺少中文字体，无法生成电子卷宗',
    en: 'No CJK font found',
    remedy: '请安装 fonts-noto-cjk（sudo apt-get install fonts-noto-cjk），或设置 COURTDESK_CJK_FONT 指向 Noto Sans CJK 字体文件',
    exit: 1,
  },
  SEAL_BAD_PASSPHRASE: { zh: '签章证书口令错误', en: 'Wrong passphrase for the signing key', remedy: '请核对口令（--pass-env 指定的环境变量）后重试', exit: 2 },
  SEAL_BAD_KEYSTORE: {
    zh: '签章证书文件无法使用',
    en: 'The signing key file cannot be used',
    remedy: '请提供包含 RSA 私钥及其证书的 PKCS#12（.p12/.pfx）文件',
    exit: 2,
  },
  VERIFY_NOT_A_DOSSIER: {
    zh: '该文件不是本系统导出的电子卷宗，或文件已损坏',
    en: 'Not a CourtDesk e-dossier, or the file is damaged',
    remedy: '请确认文件来源；如为本系统导出，请重新从工作站导出',
    exit: 2,
  },
} as const satisfies Record<string, ErrorEntry>;
