import type { ErrorEntry } from './entry.js';

/** Scanner errors, each with what the operator should do at the machine. */
export const scanningErrors = {
  SCANNER_FEEDER_EMPTY: { zh: '进纸器中没有纸张', en: 'The document feeder is empty', remedy: '请将材料放入进纸器后点击继续', exit: 1 },
  SCANNER_JAMMED: { zh: '卡纸', en: 'Paper jam', remedy: '卡纸：请打开进纸器取出纸张后点击继续', exit: 1 },
  SCANNER_COVER_OPEN: { zh: '扫描仪盖板未关闭', en: 'The scanner cover is open', remedy: '请合上扫描仪盖板后点击继续', exit: 1 },
  SCANNER_BUSY: { zh: '扫描仪正忙', en: 'The scanner is busy', remedy: '请等待其他程序完成扫描，或关闭占用扫描仪的程序后重试', exit: 1 },
  SCANNER_OFFLINE: { zh: '找不到扫描仪或扫描仪未连接', en: 'Scanner not found or offline', remedy: '请检查扫描仪电源和数据线，在“设备”中刷新后重试', exit: 1 },
  SCANNER_IO: { zh: '与扫描仪通信出错', en: 'Scanner I/O error', remedy: '请重新连接扫描仪；已扫描的页面均已保存，可点击继续', exit: 1 },
  SCANNER_ACCESS_DENIED: { zh: '没有使用该扫描仪的权限', en: 'Access to the scanner was denied', remedy: '请让管理员把当前用户加入 scanner 用户组，或检查设备权限', exit: 1 },
  SCANNER_UNSUPPORTED_SETTING: { zh: '扫描仪不支持所选设置', en: 'The scanner does not support this setting', remedy: '请从设备支持的选项中选择', exit: 2 },
  SCANNER_CANCELLED: { zh: '扫描已在扫描仪上被取消', en: 'Scanning was cancelled at the scanner', remedy: '已扫描的页面均已保存；需要时点击继续', exit: 1 },
  SCANNER_DRIVER_CRASHED: {
    zh: '扫描仪驱动意外退出',
    en: 'The scanner driver stopped unexpectedly',
    remedy: '已收到的页面均已保存；请重新连接或重启扫描仪后点击继续',
    exit: 1,
  },
  SCANNER_DRIVER_MISSING: {
    zh: '未找到扫描仪驱动（SANE）',
    en: 'The SANE library is not installed',
    remedy: '请安装 libsane1 与 sane-utils（sudo apt-get install libsane1 sane-utils）',
    exit: 1,
  },
} as const satisfies Record<string, ErrorEntry>;
