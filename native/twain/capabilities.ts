import { CourtError } from '../../core/contract/index.js';
import { pageSizes, sizesFitting, type Area, type PageSizeName } from '../../core/scanning/port/pageSizes.js';
import { modes, type Capabilities, type Mode, type Source } from '../../core/scanning/port/scannerPort.js';
import { twainError } from './conditionError.js';
import { CAP, TWCC, TWQC, TWRC, TWSS, TWPT, TWUN, nameOf } from './constants.js';
import type { CapabilityData, Container } from './dsmEntry.js';
import type { TwainSession } from './session.js';

/** Condition codes that mean "this source does not have that capability", not a fault. */
const absent = new Set<number>([TWCC.CAPUNSUPPORTED, TWCC.BADCAP, TWCC.CAPBADOPERATION, TWCC.CAPSEQERROR, TWCC.BADVALUE, TWCC.BUMMER]);
const capNames: Record<string, number> = CAP;

export function unsupported(what: string, wanted: string, offered: readonly (string | number)[]): CourtError {
  return new CourtError('SCANNER_UNSUPPORTED_SETTING', {
    message: `扫描仪不支持${what}“${wanted}”，可选：${offered.join('、') || '无'}`,
    messageEn: `The scanner does not support ${what} "${wanted}"; it offers: ${offered.join(', ') || 'nothing'}`,
    details: { what, wanted, offered },
  });
}

/** A capability's container, or null when the source does not have it. */
export function readCap(session: TwainSession, cap: number, triplet: 'CAPABILITY/GET' | 'CAPABILITY/GETCURRENT' | 'CAPABILITY/QUERYSUPPORT' = 'CAPABILITY/GET'): Container | null {
  const data: CapabilityData = { cap };
  const { rc, cc } = session.send(triplet, data);
  if (rc === TWRC.SUCCESS && data.container) return data.container;
  if (rc === TWRC.SUCCESS || absent.has(cc)) return null;
  throw twainError(rc, cc, 'capability', triplet, { cap: nameOf(capNames, cap), device: session.source?.ProductName });
}

/** MSG_SET with a TW_ONEVALUE; `optional` settings the source may refuse without failing the scan. */
export function setCap(session: TwainSession, cap: number, itemType: number, value: number, optional = false): boolean {
  const { rc, cc } = session.send('CAPABILITY/SET', { cap, container: { type: 'one', itemType, value } });
  // TWRC_CHECKSTATUS: the source took a nearby value; what it took is what IMAGEINFO will report.
  if (rc === TWRC.SUCCESS || rc === TWRC.CHECKSTATUS) return true;
  if (optional) return false;
  throw twainError(rc, cc, 'capability', 'CAPABILITY/SET', { cap: nameOf(capNames, cap), value, device: session.source?.ProductName });
}

export function valuesOf(c: Container): number[] {
  return c.type === 'one' ? [c.value] : c.type === 'range' ? [c.min, c.max] : c.values;
}

export function currentOf(c: Container): number {
  return c.type === 'one' ? c.value : c.type === 'range' ? c.current : c.type === 'enum' ? c.values[c.current] : c.values[0];
}

/** A boolean capability's possible values: a TW_ONEVALUE shows the current one only, so ask whether it can be set. */
function booleans(session: TwainSession, cap: number): number[] | null {
  const c = readCap(session, cap);
  if (!c) return null;
  const now = valuesOf(c).map((v) => (v ? 1 : 0));
  if (c.type !== 'one') return [...new Set(now)];
  const support = readCap(session, cap, 'CAPABILITY/QUERYSUPPORT');
  return support && currentOf(support) & TWQC.SET ? [0, 1] : now;
}

const modeOf: Record<number, Mode> = { [TWPT.RGB]: 'color', [TWPT.GRAY]: 'gray', [TWPT.BW]: 'lineart' };
export const pixelTypeOf: Record<Mode, number> = { color: TWPT.RGB, gray: TWPT.GRAY, lineart: TWPT.BW };
export const bitDepthOf: Record<Mode, number> = { color: 24, gray: 8, lineart: 1 };
const sizeNames: Partial<Record<number, PageSizeName>> = { [TWSS.A4]: 'A4', [TWSS.A3]: 'A3', [TWSS.A5]: 'A5', [TWSS.ISOB5]: 'B5', [TWSS.USLETTER]: 'Letter', [TWSS.USLEGAL]: 'Legal' };
export const sizeCodeOf = Object.fromEntries(Object.entries(sizeNames).map(([code, name]) => [name, Number(code)])) as Record<PageSizeName, number>;
const mmPer: Partial<Record<number, number>> = { [TWUN.INCHES]: 25.4, [TWUN.CENTIMETERS]: 10, [TWUN.MILLIMETERS]: 1, [TWUN.PICAS]: 25.4 / 6, [TWUN.POINTS]: 25.4 / 72, [TWUN.TWIPS]: 25.4 / 1440 };

/** The source settings behind each of our source names, as the capabilities list shows them. */
export const sourceSettings: Record<Source, string> = {
  flatbed: 'CAP_FEEDERENABLED=FALSE',
  adf: 'CAP_FEEDERENABLED=TRUE, CAP_DUPLEXENABLED=FALSE',
  'adf-duplex': 'CAP_FEEDERENABLED=TRUE, CAP_DUPLEXENABLED=TRUE',
};

/** What an open source offers, kept beside the port's view for negotiating. */
export interface SourceOffer {
  capabilities: Capabilities;
  hasFeeder: boolean;
  hasDuplex: boolean;
  hasSizes: boolean;
}

/** The largest area in millimetres: ICAP_PHYSICALWIDTH/HEIGHT in the source's ICAP_UNITS (inches unless set). */
function maxArea(session: TwainSession): Area | null {
  const [w, h] = [readCap(session, CAP.ICAP_PHYSICALWIDTH), readCap(session, CAP.ICAP_PHYSICALHEIGHT)];
  const units = readCap(session, CAP.ICAP_UNITS);
  const mm = mmPer[units ? currentOf(units) : TWUN.INCHES];
  if (!w || !h || !mm) return null;
  return { widthMm: Math.round(currentOf(w) * mm * 10) / 10, heightMm: Math.round(currentOf(h) * mm * 10) / 10 };
}

/** Reads what the open source offers, in state 4, before anything is set. */
export function readOffer(session: TwainSession, device: string): SourceOffer {
  const feeder = booleans(session, CAP.FEEDERENABLED);
  const duplex = booleans(session, CAP.DUPLEXENABLED);
  // No CAP_FEEDERENABLED: the glass is all there is.
  const feederValues = feeder ?? [0];
  const duplexValues = duplex ?? [0];
  const sources: Capabilities['sources'] = {};
  if (feederValues.includes(0)) sources.flatbed = sourceSettings.flatbed;
  if (feederValues.includes(1) && duplexValues.includes(0)) sources.adf = sourceSettings.adf;
  if (feederValues.includes(1) && duplexValues.includes(1)) sources['adf-duplex'] = sourceSettings['adf-duplex'];

  const pixel = readCap(session, CAP.ICAP_PIXELTYPE);
  const offeredModes = pixel ? valuesOf(pixel).map((t) => modeOf[t]).filter((m): m is Mode => m !== undefined) : [];
  const res = readCap(session, CAP.ICAP_XRESOLUTION);
  const resolutions = !res ? null : res.type === 'range' ? { min: res.min, max: res.max, step: res.step || 1 } : { list: valuesOf(res) };
  const area = maxArea(session);
  const sizes = readCap(session, CAP.ICAP_SUPPORTEDSIZES);
  const named = sizes ? valuesOf(sizes).map((s) => sizeNames[s]).filter((n): n is PageSizeName => n !== undefined) : sizesFitting(area);
  return {
    capabilities: {
      device,
      sources,
      modes: modes.filter((m) => offeredModes.includes(m)),
      resolutions,
      maxArea: area,
      pageSizes: Object.keys(pageSizes).filter((n) => named.includes(n as PageSizeName)) as PageSizeName[],
      options: [],
    },
    hasFeeder: feeder !== null,
    hasDuplex: duplex !== null,
    hasSizes: sizes !== null,
  };
}
