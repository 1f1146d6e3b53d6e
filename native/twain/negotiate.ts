import type { ScanSettings } from '../../core/scanning/port/scannerPort.js';
import { bitDepthOf, currentOf, pixelTypeOf, readCap, setCap, sizeCodeOf, unsupported, type SourceOffer } from './capabilities.js';
import { CAP, TWPF, TWSX, TWTY } from './constants.js';
import type { TwainSession } from './session.js';

/** What the scan loop needs to know once the source is set up. */
export interface Plan {
  feeder: boolean;
  memory: boolean;
  /** ICAP_PIXELFLAVOR: whether a zero sample is white. */
  vanilla: boolean;
}

/**
 * Refuses what the source does not offer, before anything is set or scanned, with the same
 * messages as the SANE adapter. Pass-through options are SANE option names and mean nothing here.
 */
export function checkSettings(offer: SourceOffer, settings: ScanSettings): void {
  const caps = offer.capabilities;
  const names = Object.keys(settings.options ?? {});
  if (names.length) throw unsupported('选项', names.join(', '), []);
  if (settings.source && !caps.sources[settings.source]) throw unsupported('纸张来源', settings.source, Object.keys(caps.sources));
  if (settings.mode && !caps.modes.includes(settings.mode)) throw unsupported('颜色模式', settings.mode, caps.modes);
  const dpi = settings.resolution;
  const r = caps.resolutions;
  if (dpi && r) {
    const fits = 'list' in r ? r.list.includes(dpi) : dpi >= r.min && dpi <= r.max && (dpi - r.min) % r.step === 0;
    if (!fits) throw unsupported('分辨率', `${dpi} dpi`, 'list' in r ? r.list : [`${r.min}–${r.max}`]);
  }
  const size = settings.pageSize;
  // ICAP_SUPPORTEDSIZES names whole sheets; a custom area would need DAT_IMAGELAYOUT, which this adapter does not send.
  if (size && (typeof size !== 'string' || !caps.pageSizes.includes(size))) {
    throw unsupported('纸张尺寸', typeof size === 'string' ? size : `${size.widthMm}×${size.heightMm} mm`, caps.pageSizes);
  }
}

/**
 * Sets the source up in state 4. Source first, as on the scanner's own panel (the feeder has its
 * own sizes and resolutions). A request for the simplex feeder also turns duplex off: the
 * source keeps its last setting, and "ADF" must never scan both sides (the TWAIN counterpart of
 * matchOption's exclusion lists).
 */
export function negotiate(session: TwainSession, offer: SourceOffer, settings: ScanSettings): Plan {
  checkSettings(offer, settings);
  const { source, mode, resolution, pageSize } = settings;
  if (source && offer.hasFeeder) setCap(session, CAP.FEEDERENABLED, TWTY.BOOL, source === 'flatbed' ? 0 : 1);
  if (source && source !== 'flatbed') {
    if (offer.hasDuplex) setCap(session, CAP.DUPLEXENABLED, TWTY.BOOL, source === 'adf-duplex' ? 1 : 0);
    // Without CAP_AUTOFEED some sources wait for a feed command between sheets.
    setCap(session, CAP.AUTOFEED, TWTY.BOOL, 1, true);
  }
  if (mode) {
    setCap(session, CAP.ICAP_PIXELTYPE, TWTY.UINT16, pixelTypeOf[mode]);
    // Most sources follow the pixel type with a default depth; those that need telling are told.
    setCap(session, CAP.ICAP_BITDEPTH, TWTY.UINT16, bitDepthOf[mode], true);
  }
  if (resolution) {
    setCap(session, CAP.ICAP_XRESOLUTION, TWTY.FIX32, resolution);
    setCap(session, CAP.ICAP_YRESOLUTION, TWTY.FIX32, resolution);
  }
  if (pageSize && offer.hasSizes && typeof pageSize === 'string') setCap(session, CAP.ICAP_SUPPORTEDSIZES, TWTY.UINT16, sizeCodeOf[pageSize]);

  const feederNow = source ? source !== 'flatbed' : offer.hasFeeder && currentOf(readCap(session, CAP.FEEDERENABLED, 'CAPABILITY/GETCURRENT') ?? { type: 'one', itemType: TWTY.BOOL, value: 0 }) === 1;
  // Memory transfer streams strips and works with every pixel type; native (one DIB) is the mandatory fallback.
  const memory = setCap(session, CAP.ICAP_XFERMECH, TWTY.UINT16, TWSX.MEMORY, true);
  if (!memory) setCap(session, CAP.ICAP_XFERMECH, TWTY.UINT16, TWSX.NATIVE);
  // -1: every sheet in the feeder; the glass gives one.
  setCap(session, CAP.XFERCOUNT, TWTY.INT16, feederNow ? -1 : 1);
  const flavor = readCap(session, CAP.ICAP_PIXELFLAVOR, 'CAPABILITY/GETCURRENT');
  return { feeder: feederNow, memory, vanilla: flavor !== null && currentOf(flavor) === TWPF.VANILLA };
}

/** CAP_FEEDERLOADED before enabling: an empty feeder is reported as such, not as a failed scan. Null when the source cannot tell. */
export function feederLoaded(session: TwainSession): boolean | null {
  const c = readCap(session, CAP.FEEDERLOADED, 'CAPABILITY/GETCURRENT');
  return c ? currentOf(c) !== 0 : null;
}
