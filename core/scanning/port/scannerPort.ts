import { z } from 'zod';
import type { RawPage } from '../pipeline/rawPage.js';

export type { RawPage };

export const sources = ['flatbed', 'adf', 'adf-duplex'] as const;
export const modes = ['color', 'gray', 'lineart'] as const;
export type Source = (typeof sources)[number];
export type Mode = (typeof modes)[number];

export interface DeviceInfo {
  name: string;
  vendor: string;
  model: string;
  type: string;
}

export interface Capabilities {
  device: string;
  /** Our source names mapped to the backend's own value, for those the device has. */
  sources: Partial<Record<Source, string>>;
  modes: Mode[];
  resolutions: { list: number[] } | { min: number; max: number; step: number } | null;
  /** Largest scan area in millimetres, when the backend says. */
  maxArea: { widthMm: number; heightMm: number } | null;
}

/** What an operator or the CLI may ask of a scanner; `options` passes backend options through (e.g. filename for pnm). */
export const ScanSettingsSchema = z
  .object({
    source: z.enum(sources).optional(),
    mode: z.enum(modes).optional(),
    resolution: z.number().int().min(25).max(4800).optional(),
    options: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/), z.string().max(4096)).default({}),
  })
  .strict();
export type ScanSettings = z.infer<typeof ScanSettingsSchema>;

/**
 * A scanner driver as the application sees it. Errors are CourtErrors with SCANNER_* codes;
 * an ADF batch ends normally when the feeder runs out after at least one page.
 */
export interface ScannerPort {
  listDevices(): Promise<DeviceInfo[]>;
  capabilities(device: string): Promise<Capabilities>;
  scan(device: string, settings: ScanSettings, signal?: AbortSignal): AsyncIterable<RawPage>;
  close(): Promise<void>;
}
