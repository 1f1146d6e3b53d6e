import sharp from 'sharp';
import type { RawPage } from '../pipeline/rawPage.js';
import { damaged } from './importErrors.js';

export interface ImagePage {
  raw: RawPage;
  /** A 1-bit source stays lineart (G4 master) rather than becoming a gray JPEG. */
  lineart: boolean;
}

/** Densities of 72/96 are screen defaults written by cameras and editors, not scan resolutions. */
const plausibleDpi = (d: number | undefined) => (d !== undefined && d >= 100 && d <= 2400 ? Math.round(d) : 0);

/** Page count of a TIFF, JPEG or PNG file; sharp rejects anything it cannot decode cleanly. */
export async function countImagePages(file: string): Promise<number> {
  try {
    const meta = await sharp(file, { failOn: 'warning' }).metadata();
    return meta.pages ?? 1;
  } catch (e) {
    throw damaged(file, undefined, e instanceof Error ? e.message : String(e));
  }
}

/** One page decoded to 8-bit gray or RGB: transparency onto white, EXIF orientation applied. */
export async function readImagePage(file: string, page: number, pageCount: number): Promise<ImagePage> {
  const label = pageCount > 1 ? page + 1 : undefined;
  try {
    const open = () => sharp(file, { page, pages: 1, failOn: 'warning', autoOrient: true });
    const meta = await open().metadata();
    const gray = (meta.channels ?? 3) <= 2 || meta.space === 'b-w' || meta.space === 'grey16';
    const { data, info } = await open()
      .flatten({ background: '#ffffff' })
      .toColourspace(gray ? 'b-w' : 'srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 1 && info.channels !== 3) throw new Error(`unexpected ${info.channels} channels`);
    const raw: RawPage = {
      index: page,
      width: info.width,
      height: info.height,
      depth: 8,
      channels: info.channels,
      bytesPerLine: info.width * info.channels,
      data,
      resolution: plausibleDpi(meta.density),
    };
    return { raw, lineart: meta.bitsPerSample === 1 };
  } catch (e) {
    throw damaged(file, label, e instanceof Error ? e.message : String(e));
  }
}
