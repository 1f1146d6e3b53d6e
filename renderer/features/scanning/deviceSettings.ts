import type { OperatorScanSettings, ScanCapabilities } from '../../../core/contract/index.js';

export interface DeskSettings {
  source?: OperatorScanSettings['source'];
  mode?: OperatorScanSettings['mode'];
  resolution?: number;
  orientation: boolean;
}

const KEY = 'courtdesk.scanSettings.';
const COMMON_DPI = [75, 100, 150, 200, 300, 400, 600];

/** The resolutions worth offering: the device's own list, or the usual ones within its range. */
export function resolutionChoices(caps: ScanCapabilities | null): number[] {
  const r = caps?.resolutions;
  if (!r) return [];
  if ('list' in r) return [...new Set(r.list)].sort((a, b) => a - b);
  return COMMON_DPI.filter((dpi) => dpi >= r.min && dpi <= r.max && (r.step <= 1 || (dpi - r.min) % r.step === 0));
}

/** A court's stack of filings: the feeder, gray, 300 dpi — where the device offers them. */
export function defaultSettings(caps: ScanCapabilities | null): DeskSettings {
  const dpi = resolutionChoices(caps);
  return {
    source: caps?.sources.includes('adf') ? 'adf' : caps?.sources[0],
    mode: caps?.modes.includes('gray') ? 'gray' : caps?.modes[0],
    resolution: dpi.includes(300) ? 300 : dpi.find((d) => d >= 300) ?? dpi.at(-1),
    orientation: true,
  };
}

/** Remembered settings, kept only where the device still offers them. */
export function fitSettings(saved: Partial<DeskSettings>, caps: ScanCapabilities | null): DeskSettings {
  const base = defaultSettings(caps);
  return {
    source: saved.source && caps?.sources.includes(saved.source) ? saved.source : base.source,
    mode: saved.mode && caps?.modes.includes(saved.mode) ? saved.mode : base.mode,
    resolution: saved.resolution !== undefined && resolutionChoices(caps).includes(saved.resolution) ? saved.resolution : base.resolution,
    orientation: typeof saved.orientation === 'boolean' ? saved.orientation : base.orientation,
  };
}

export function loadSettings(device: string, caps: ScanCapabilities | null, storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): DeskSettings {
  try {
    const raw = storage?.getItem(KEY + device);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return fitSettings(typeof parsed === 'object' && parsed !== null ? (parsed as Partial<DeskSettings>) : {}, caps);
  } catch {
    return defaultSettings(caps);
  }
}

export function saveSettings(device: string, settings: DeskSettings, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(KEY + device, JSON.stringify(settings));
  } catch {
    // Storage disabled: the settings hold until the page is reloaded.
  }
}

const LAST_DEVICE = 'courtdesk.scanDevice';

export function lastDevice(): string | null {
  try {
    return globalThis.localStorage?.getItem(LAST_DEVICE) ?? null;
  } catch {
    return null;
  }
}

export function rememberDevice(device: string): void {
  try {
    globalThis.localStorage?.setItem(LAST_DEVICE, device);
  } catch {
    // As above.
  }
}
