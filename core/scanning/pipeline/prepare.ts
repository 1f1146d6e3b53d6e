import sharp, { type Sharp } from 'sharp';
import { backgroundMask, paperBox, paperLevel, type Box } from './background.js';
import { inkCoverage, inkThreshold } from './ink.js';
import { unpackRaw, type Pixels } from './pixels.js';
import type { PrepareJob, Prepared } from './protocol.js';
import { estimateSkew } from './skew.js';

/** Analysis runs on a copy about 120 dpi wide for an A4 page: plenty for lines of text, cheap to scan. */
const ANALYSIS_WIDTH = 1000;
/** Backing plate vs paper: brightness gap that marks scanner background. */
const BACKGROUND_TOLERANCE = 60;
/** Ink must be this much darker than the paper (show-through and paper grain are not). */
const MIN_INK_CONTRAST = 70;
/** Share of each side ignored when judging blankness: holes, staples, shadows. */
const BLANK_MARGIN = 0.04;
/** Marks smaller than this (in mm, side of a square) are specks, not writing. */
const SPECK_MM = 0.5;
/** Below this skew resampling would blur more than it straightens. */
const MIN_ROTATION = 0.1;
/**
 * Orientation detection needs no more detail than this: on the OCR dev set turned four ways it was
 * right 28 of 28 times at 100, 150 and 300 dpi, and tesseract's time falls with the pixel count.
 */
const OSD_MAX_DPI = 150;
const A4_WIDTH_INCHES = 210 / 25.4;

const raw = (p: Pixels) => sharp(p.data, { raw: { width: p.width, height: p.height, channels: p.channels } });

async function toPixels(s: Sharp): Promise<Pixels> {
  const { data, info } = await s.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1 && info.channels !== 3) throw new Error(`unexpected ${info.channels} channels`);
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: info.channels };
}

const grayOf = (s: Sharp) => toPixels(s.toColourspace('b-w'));
/** libvips may widen a gray image to RGB when filling with a background colour; keep the page's own channels. */
const like = (p: Pixels, s: Sharp) => (p.channels === 1 ? grayOf(s) : toPixels(s.toColourspace('srgb')));

/** True when no more than a trace of pixels is clearly coloured (a seal or a coloured stamp is more). */
async function looksGray(page: Pixels): Promise<boolean> {
  const small = await toPixels(raw(page).resize({ width: Math.min(page.width, ANALYSIS_WIDTH) }));
  let coloured = 0;
  for (let i = 0; i < small.data.length; i += 3) {
    const r = small.data[i];
    const g = small.data[i + 1];
    const b = small.data[i + 2];
    if (Math.max(r, g, b) - Math.min(r, g, b) > 40) coloured++;
  }
  return coloured * 2000 < small.width * small.height;
}

/** Straightens, crops and measures one page; runs inside a pipeline worker. */
export async function preparePage(job: PrepareJob): Promise<Prepared> {
  const { options, settings } = job;
  let page = unpackRaw(job.geometry, job.data);
  const lineart = job.geometry.depth === 1 || options.lineart;
  if (page.channels === 3 && (lineart || (options.autoGray && (await looksGray(page))))) page = await grayOf(raw(page));

  const small = await grayOf(raw(page).resize({ width: Math.min(page.width, ANALYSIS_WIDTH) }));
  const scale = small.width / page.width;
  const analysisDpi = job.dpi > 0 ? job.dpi * scale : small.width / A4_WIDTH_INCHES;
  const paper = paperLevel(small);
  const before = backgroundMask(small, paper, BACKGROUND_TOLERANCE);
  const threshold = inkThreshold(small, before.mask, paper, MIN_INK_CONTRAST);

  let skewDegrees = 0;
  if (options.deskew) {
    const roi = shrink(paperBox(before.mask, small.width, small.height), 0.02);
    skewDegrees = estimateSkew(small, before.mask, roi, threshold, settings.maxSkew);
  }
  const rotate = Math.abs(skewDegrees) >= MIN_ROTATION;
  const fillLevel = before.level ?? paper;
  const fill = { r: fillLevel, g: fillLevel, b: fillLevel };
  const straight = rotate ? await grayOf(raw(small).rotate(-skewDegrees, { background: fill })) : small;
  const after = rotate ? backgroundMask(straight, paper, BACKGROUND_TOLERANCE) : before;
  // Rotation enlarges the canvas; without a visible backing the paper can be no larger than the scan was.
  const frame = centred(straight, small);
  const cropBox = options.crop ? intersect(frame, paperBox(after.mask, straight.width, straight.height)) : frame;

  const speck = ((SPECK_MM / 25.4) * analysisDpi) ** 2;
  const inkRatio = inkCoverage(straight, cropBox, threshold, { margin: BLANK_MARGIN, minArea: Math.max(4, Math.round(speck)) });
  const blank = inkRatio < settings.blankInkRatio;

  let full = rotate ? await like(page, raw(page).rotate(-skewDegrees, { background: fill })) : page;
  const box = scaleBox(cropBox, straight, full);
  if (box.width !== full.width || box.height !== full.height) full = await like(full, raw(full).extract(box));

  let osd: Prepared['osd'] = null;
  if (options.orientation && !blank) {
    const dpi = job.dpi > 0 ? job.dpi : OSD_MAX_DPI;
    const factor = Math.min(1, OSD_MAX_DPI / dpi);
    // a gray page at no more than 150 dpi is already what the detector wants: share it rather than copy it
    const g = factor === 1 && full.channels === 1 ? full : await grayOf(raw(full).resize({ width: Math.round(full.width * factor) }));
    osd = { gray: g.data, width: g.width, height: g.height, dpi: Math.round(dpi * factor) };
  }
  return {
    pixels: full.data,
    width: full.width,
    height: full.height,
    channels: full.channels,
    lineart,
    skewDegrees: rotate ? skewDegrees : 0,
    blank,
    inkRatio,
    osd,
  };
}

function centred(outer: Pixels, inner: Pixels): Box {
  const width = Math.min(outer.width, inner.width);
  const height = Math.min(outer.height, inner.height);
  return { left: Math.floor((outer.width - width) / 2), top: Math.floor((outer.height - height) / 2), width, height };
}

function intersect(a: Box, b: Box): Box {
  const left = Math.max(a.left, b.left);
  const top = Math.max(a.top, b.top);
  const right = Math.min(a.left + a.width, b.left + b.width);
  const bottom = Math.min(a.top + a.height, b.top + b.height);
  return right - left > 0 && bottom - top > 0 ? { left, top, width: right - left, height: bottom - top } : a;
}

function shrink(b: Box, share: number): Box {
  const dx = Math.round(b.width * share);
  const dy = Math.round(b.height * share);
  return { left: b.left + dx, top: b.top + dy, width: b.width - 2 * dx, height: b.height - 2 * dy };
}

/** Maps a box found on the analysis copy onto the full-size page; edges that touch stay touching. */
function scaleBox(b: Box, from: Pixels, to: Pixels): Box {
  const sx = to.width / from.width;
  const sy = to.height / from.height;
  const left = Math.min(to.width - 1, Math.round(b.left * sx));
  const top = Math.min(to.height - 1, Math.round(b.top * sy));
  const right = b.left + b.width >= from.width ? to.width : Math.min(to.width, Math.round((b.left + b.width) * sx));
  const bottom = b.top + b.height >= from.height ? to.height : Math.min(to.height, Math.round((b.top + b.height) * sy));
  return { left, top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) };
}
