import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { CourtError } from '../../core/contract/index.js';
import type { RawPage } from '../../core/scanning/port/scannerPort.js';
import { twainError } from './conditionError.js';
import { TWCP, TWPT, TWRC } from './constants.js';
import { dibToRawPage } from './dib.js';
import type { ImageInfoData, ImageMemXferData, ImageNativeXferData } from './dsmEntry.js';
import type { Plan } from './negotiate.js';
import type { TwainSession } from './session.js';

const formats: Record<number, { bits: number; channels: 1 | 3 }> = { [TWPT.BW]: { bits: 1, channels: 1 }, [TWPT.GRAY]: { bits: 8, channels: 1 }, [TWPT.RGB]: { bits: 24, channels: 3 } };

function checkFormat(info: ImageInfoData): { bits: number; channels: 1 | 3 } {
  const format = formats[info.pixelType];
  if (!format || format.bits !== info.bitsPerPixel || info.planar || info.compression !== TWCP.NONE || info.width <= 0) {
    throw new CourtError('SCANNER_UNSUPPORTED_SETTING', {
      message: `扫描仪送来的图像格式不受支持（像素类型 ${info.pixelType}，${info.bitsPerPixel} 位${info.compression ? '，已压缩' : ''}）`,
      messageEn: `Unsupported image from the scanner: pixel type ${info.pixelType}, ${info.bitsPerPixel} bits, compression ${info.compression}`,
      details: { ...info },
    });
  }
  return format;
}

/** Samples where zero is white become zero-is-black, as RawPage holds gray; lineart the other way (1 = black). */
function invertIfNeeded(data: Buffer, pixelType: number, vanilla: boolean): void {
  const invert = pixelType === TWPT.BW ? !vanilla : pixelType === TWPT.GRAY && vanilla;
  if (invert) for (let i = 0; i < data.length; i++) data[i] = ~data[i] & 0xff;
}

/**
 * One image by memory transfer (state 6 → 7): strips land at their YOffset/XOffset in a page
 * buffer without the source's row padding. A length of -1 (length detection on a feeder) grows
 * the buffer until TWRC_XFERDONE. Returns null if the signal aborted mid-page (still in state 7).
 */
export async function memoryPage(session: TwainSession, index: number, info: ImageInfoData, bufferSize: number, plan: Plan, signal?: AbortSignal): Promise<RawPage | null> {
  const { bits, channels } = checkFormat(info);
  const line = Math.ceil((info.width * bits) / 8);
  let page = Buffer.alloc(line * (info.length > 0 ? info.length : 1024));
  let rows = 0;
  for (;;) {
    const strip = { bufferSize } as ImageMemXferData;
    const { rc, cc } = session.send('IMAGEMEMXFER/GET', strip);
    if (rc === TWRC.CANCEL) throw new CourtError('SCANNER_CANCELLED', { details: { device: session.source?.ProductName, page: index } });
    if (rc !== TWRC.SUCCESS && rc !== TWRC.XFERDONE) throw twainError(rc, cc, 'transfer', 'IMAGEMEMXFER/GET', { device: session.source?.ProductName, page: index });
    const end = strip.yOffset + strip.rows;
    while (page.length < end * line) {
      const bigger = Buffer.alloc(page.length * 2);
      page.copy(bigger);
      page = bigger;
    }
    const left = Math.floor((strip.xOffset * bits) / 8);
    const width = Math.min(Math.ceil((strip.columns * bits) / 8), line - left, strip.bytesPerRow);
    if (left === 0 && width === line && strip.bytesPerRow === line) strip.data.copy(page, strip.yOffset * line, 0, strip.rows * line);
    else for (let r = 0; r < strip.rows; r++) strip.data.copy(page, (strip.yOffset + r) * line + left, r * strip.bytesPerRow, r * strip.bytesPerRow + width);
    rows = Math.max(rows, end);
    if (rc === TWRC.XFERDONE) break;
    // A turn of the event loop between strips lets a cancel request (and the IPC behind it) through.
    await yieldToLoop();
    if (signal?.aborted) return null;
  }
  const height = info.length > 0 ? info.length : rows;
  const data = page.subarray(0, height * line);
  invertIfNeeded(data, info.pixelType, plan.vanilla);
  return { index, width: info.width, height, depth: bits === 1 ? 1 : 8, channels, bytesPerLine: line, data, resolution: Math.round(info.xResolution) };
}

/** One image by native transfer: a DIB, whose colour table already says which way its samples run. */
export function nativePage(session: TwainSession, index: number, info: ImageInfoData): RawPage {
  const image: ImageNativeXferData = { dib: null };
  const { rc, cc } = session.send('IMAGENATIVEXFER/GET', image);
  if (rc === TWRC.CANCEL) throw new CourtError('SCANNER_CANCELLED', { details: { device: session.source?.ProductName, page: index } });
  if (rc !== TWRC.XFERDONE || !image.dib) throw twainError(rc, cc, 'transfer', 'IMAGENATIVEXFER/GET', { device: session.source?.ProductName, page: index });
  return dibToRawPage(image.dib, index, Math.round(info.xResolution));
}
