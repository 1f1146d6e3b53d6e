import { CourtError, type ErrorCode } from '../../core/contract/index.js';
import { TWCC, TWRC, nameOf } from './constants.js';

/** What the adapter was doing: the same condition code means different things to the operator at each. */
export type TwainStep = 'list' | 'open' | 'capability' | 'enable' | 'transfer';

/**
 * A TWAIN failure (return code, plus the condition code from DAT_STATUS) as an operator-facing
 * code, like native/sane/statusError.ts does for SANE. A feeder running empty after its first
 * page is the normal end of a batch; the scan loop handles that before asking here.
 */
export function codeFor(rc: number, cc: number, step: TwainStep): ErrorCode {
  if (rc === TWRC.BUSY || rc === TWRC.SCANNERLOCKED) return 'SCANNER_BUSY';
  if (rc === TWRC.CANCEL) return 'SCANNER_CANCELLED';
  switch (cc) {
    case TWCC.PAPERJAM:
    case TWCC.PAPERDOUBLEFEED:
    case TWCC.DAMAGEDCORNER:
      return 'SCANNER_JAMMED';
    case TWCC.NOMEDIA:
      return 'SCANNER_FEEDER_EMPTY';
    case TWCC.INTERLOCK:
      return 'SCANNER_COVER_OPEN';
    // Another application holds the source (TWAIN sources take one application at a time).
    case TWCC.MAXCONNECTIONS:
      return 'SCANNER_BUSY';
    case TWCC.CHECKDEVICEONLINE:
    case TWCC.NODS:
      return 'SCANNER_OFFLINE';
    case TWCC.DENIED:
      return 'SCANNER_ACCESS_DENIED';
    case TWCC.BADCAP:
    case TWCC.BADVALUE:
    case TWCC.CAPUNSUPPORTED:
    case TWCC.CAPBADOPERATION:
    case TWCC.CAPSEQERROR:
      return step === 'capability' ? 'SCANNER_UNSUPPORTED_SETTING' : 'SCANNER_IO';
    // BUMMER, LOWMEMORY, OPERATIONERROR, protocol errors, image quality faults, and codes newer than this list.
    default:
      return 'SCANNER_IO';
  }
}

/** Conditions whose remedy is not the code's general one. */
const remedies: Partial<Record<number, string>> = {
  [TWCC.PAPERDOUBLEFEED]: '双张进纸：请取出重叠的纸张，理齐后放回进纸器，再点击继续',
  [TWCC.DAMAGEDCORNER]: '纸张折角或破损：请抚平或复印后放回进纸器，再点击继续',
  // twain.h: "error already reported to the user" by the source's own window.
  [TWCC.OPERATIONERROR]: '请查看扫描仪面板或驱动弹出的提示，处理后点击继续',
  [TWCC.FOCUSERROR]: '扫描仪对焦失败：请清洁扫描玻璃后点击继续',
  [TWCC.DOCTOOLIGHT]: '原稿过浅，扫描仪无法识别：请调整亮度或改用灰度模式后重扫',
  [TWCC.DOCTOODARK]: '原稿过深，扫描仪无法识别：请调整亮度后重扫',
};

const rcNames: Record<string, number> = TWRC;
const ccNames: Record<string, number> = TWCC;

/** One TWAIN failure as a CourtError, keeping the triplet and both codes (by twain.h name) in the details. */
export function twainError(rc: number, cc: number, step: TwainStep, triplet: string, extra: Record<string, unknown> = {}): CourtError {
  const remedy = remedies[cc];
  return new CourtError(codeFor(rc, cc, step), {
    ...(remedy ? { remedy } : {}),
    details: { ...extra, triplet, step, returnCode: `TWRC_${nameOf(rcNames, rc)}`, conditionCode: `TWCC_${nameOf(ccNames, cc)}` },
  });
}
