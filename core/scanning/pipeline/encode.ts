import sharp from 'sharp';
import type { EncodeJob, Encoded } from './protocol.js';

const THUMBNAIL_QUALITY = 70;
const MM_PER_INCH = 25.4;

/**
 * Turns a prepared page upright and writes its master and thumbnail: lineart as 1-bit CCITT G4
 * TIFF (the archival norm for black-and-white documents), gray and colour as JPEG.
 */
export async function encodePage(job: EncodeJob): Promise<Encoded> {
  const { page, rotate, dpi, settings } = job;
  // sharp writes sRGB unless told otherwise; a gray page must stay one channel.
  const source = () =>
    sharp(page.pixels, { raw: { width: page.width, height: page.height, channels: page.channels } })
      .rotate(rotate)
      .toColourspace(page.channels === 1 ? 'b-w' : 'srgb');
  const upright = rotate === 90 || rotate === 270 ? { width: page.height, height: page.width } : { width: page.width, height: page.height };

  let master: Buffer;
  let mediaType: Encoded['mediaType'];
  if (page.lineart) {
    const pxPerMm = (dpi > 0 ? dpi : 300) / MM_PER_INCH;
    master = await source()
      .threshold(128)
      .tiff({ compression: 'ccittfax4', bitdepth: 1, miniswhite: true, xres: pxPerMm, yres: pxPerMm, resolutionUnit: 'inch' })
      .toBuffer();
    mediaType = 'image/tiff';
  } else {
    let s = source();
    if (dpi > 0) s = s.withDensity(dpi);
    master = await s.jpeg({ quality: settings.jpegQuality }).toBuffer();
    mediaType = 'image/jpeg';
  }
  const thumbnail = await source()
    .resize({ width: Math.min(settings.thumbnailWidth, upright.width) })
    .jpeg({ quality: THUMBNAIL_QUALITY })
    .toBuffer();
  return { master, mediaType, ...upright, thumbnail };
}
