import sharp from 'sharp';
import { CourtError } from '../../contract/index.js';
import { JpegFormatError } from './jpeg/jpegImage.js';
import { rotateJpeg, type Turn } from './jpeg/rotateJpeg.js';

export type { Turn };

export interface TurnedMaster {
  master: Buffer;
  width: number;
  height: number;
}

const MM_PER_INCH = 25.4;
const THUMBNAIL_QUALITY = 70;

const unsupported = (mediaType: string, cause: string) =>
  new CourtError('PAGE_ROTATE_UNSUPPORTED', { details: { mediaType, cause } });

/**
 * A bilevel TIFF decodes to exactly black and white, a quarter turn moves pixels without
 * resampling and G4 is lossless, so the turned page holds the same pixels; the resolution stays.
 */
async function turnTiff(master: Buffer, turn: Turn): Promise<TurnedMaster> {
  const meta = await sharp(master).metadata();
  if (meta.bitsPerSample !== 1) throw unsupported('image/tiff', `${meta.bitsPerSample ?? '?'} bits per sample`);
  const pxPerMm = (meta.density ?? 300) / MM_PER_INCH;
  const { data, info } = await sharp(master)
    .rotate(turn)
    .toColourspace('b-w')
    .threshold(128)
    .tiff({ compression: 'ccittfax4', bitdepth: 1, miniswhite: true, xres: pxPerMm, yres: pxPerMm, resolutionUnit: 'inch' })
    .toBuffer({ resolveWithObject: true });
  return { master: data, width: info.width, height: info.height };
}

/** PNG is lossless whatever it holds; the turned page keeps its channels and density. */
async function turnPng(master: Buffer, turn: Turn): Promise<TurnedMaster> {
  const meta = await sharp(master).metadata();
  let s = sharp(master).rotate(turn);
  if (meta.density) s = s.withDensity(meta.density);
  const { data, info } = await s.png({ compressionLevel: 9 }).toBuffer({ resolveWithObject: true });
  return { master: data, width: info.width, height: info.height };
}

/**
 * A page master turned clockwise without loss, in its own format: JPEG by moving its DCT
 * coefficients (nothing is re-compressed), G4 TIFF and PNG by turning their exact pixels.
 */
export async function turnMaster(master: Buffer, mediaType: string, turn: Turn): Promise<TurnedMaster> {
  if (mediaType === 'image/jpeg') {
    try {
      const turned = rotateJpeg(master, turn);
      return { master: turned.bytes, width: turned.width, height: turned.height };
    } catch (e) {
      if (e instanceof JpegFormatError) throw unsupported(mediaType, e.message);
      throw e;
    }
  }
  if (mediaType === 'image/tiff') return turnTiff(master, turn);
  if (mediaType === 'image/png') return turnPng(master, turn);
  throw unsupported(mediaType, 'no lossless rotation for this format');
}

/** The small preview turned the same way: it is only looked at, so re-compressing it is fine. */
export function turnThumbnail(thumbnail: Buffer, turn: Turn): Promise<Buffer> {
  return sharp(thumbnail).rotate(turn).jpeg({ quality: THUMBNAIL_QUALITY }).toBuffer();
}
