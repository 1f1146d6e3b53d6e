import { CourtError } from '../../contract/index.js';

/**
 * A page as the scanner port (core/scanning/port) delivers it, declared structurally so the
 * pipeline accepts any source of that shape: scanner, file import, synthetic test pages.
 * depth 1 is SANE lineart: 8 pixels per byte, most significant bit first, 1 = black.
 */
export interface RawPage {
  index: number;
  width: number;
  height: number;
  depth: 1 | 8;
  channels: 1 | 3;
  bytesPerLine: number;
  data: Buffer;
  /** Dots per inch; 0 when unknown (e.g. an imported photo). */
  resolution: number;
}

/** libvips' own default ceiling; larger frames are a driver fault, not a page. */
const MAX_PIXELS = 0x3fff * 0x3fff;

/** Pages come from drivers and files: check the geometry before trusting the buffer. */
export function checkRawPage(p: RawPage): void {
  const bad = (why: string) =>
    new CourtError('CAPTURE_BAD_PAGE', {
      message: `扫描仪送来的第 ${p.index + 1} 页数据无效：${why}`,
      messageEn: `Invalid page ${p.index + 1} from the scanner: ${why}`,
      details: { index: p.index, width: p.width, height: p.height, depth: p.depth, channels: p.channels, bytesPerLine: p.bytesPerLine },
    });
  const positiveInt = (n: number) => Number.isInteger(n) && n > 0;
  if (!Number.isInteger(p.index) || p.index < 0) throw bad('index');
  if (!positiveInt(p.width) || !positiveInt(p.height) || p.width * p.height > MAX_PIXELS) throw bad('width/height');
  if (p.depth !== 1 && p.depth !== 8) throw bad('depth');
  if (p.channels !== 1 && p.channels !== 3) throw bad('channels');
  if (p.depth === 1 && p.channels !== 1) throw bad('1-bit colour');
  if (!Number.isFinite(p.resolution) || p.resolution < 0 || p.resolution > 19200) throw bad('resolution');
  const minLine = Math.ceil((p.width * p.channels * p.depth) / 8);
  if (!positiveInt(p.bytesPerLine) || p.bytesPerLine < minLine) throw bad('bytesPerLine');
  if (!Buffer.isBuffer(p.data) || p.data.length < p.bytesPerLine * (p.height - 1) + minLine) throw bad('data too short');
}
