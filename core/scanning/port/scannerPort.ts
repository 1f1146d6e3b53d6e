import { z } from 'zod';
import type { RawPage } from '../pipeline/rawPage.js';
import { pageSizeNames, type PageSizeName } from './pageSizes.js';

export type { RawPage };
export type { PageSizeName };

export const sources = ['flatbed', 'adf', 'adf-duplex'] as const;
export const modes = ['color', 'gray', 'lineart'] as const;
export type Source = (typeof sources)[number];
export type Mode = (typeof modes)[number];

export const DeviceInfoSchema = z.object({ name: z.string(), vendor: z.string(), model: z.string(), type: z.string() });
export type DeviceInfo = z.infer<typeof DeviceInfoSchema>;

/** One backend option as offered for pass-through (`ScanSettings.options`). */
export const BackendOptionSchema = z.object({
  name: z.string(),
  title: z.string(),
  type: z.enum(['bool', 'int', 'fixed', 'string', 'button']),
  unit: z.enum(['none', 'pixel', 'bit', 'mm', 'dpi', 'percent', 'microsecond']),
  /** Number of values: more than 1 is an array option, set as comma-separated values. */
  count: z.number().int().nonnegative(),
  constraint: z
    .union([
      z.object({ kind: z.literal('range'), min: z.number(), max: z.number(), quant: z.number() }),
      z.object({ kind: z.literal('words'), values: z.array(z.number()) }),
      z.object({ kind: z.literal('strings'), values: z.array(z.string()) }),
    ])
    .nullable(),
  /** Inactive options become available once another option is set (e.g. read-delay-duration after read-delay). */
  active: z.boolean(),
  settable: z.boolean(),
});
export type BackendOption = z.infer<typeof BackendOptionSchema>;

const AreaSchema = z.object({ widthMm: z.number(), heightMm: z.number() });

export const CapabilitiesSchema = z.object({
  device: z.string(),
  /**
   * Our source names mapped to the backend's own value, for those the device has
   * (test:0 → { flatbed: 'Flatbed', adf: 'Automatic Document Feeder' }). A device without a
   * source option is a flatbed: { flatbed: 'Flatbed' }.
   */
  sources: z.object({ flatbed: z.string().optional(), adf: z.string().optional(), 'adf-duplex': z.string().optional() }),
  modes: z.array(z.enum(modes)),
  resolutions: z.union([z.object({ list: z.array(z.number()) }), z.object({ min: z.number(), max: z.number(), step: z.number() })]).nullable(),
  /** Largest scan area in millimetres, when the backend says (its br-x / br-y ranges). */
  maxArea: AreaSchema.nullable(),
  /** The named page sizes that fit maxArea. */
  pageSizes: z.array(z.enum(pageSizeNames as [PageSizeName, ...PageSizeName[]])),
  /** Every option the backend has, for pass-through settings. */
  options: z.array(BackendOptionSchema),
});
export type Capabilities = z.infer<typeof CapabilitiesSchema>;

/**
 * What an operator or the CLI may ask of a scanner. Unset fields keep the device's own defaults.
 * `pageSize` sets the scan area from the top-left corner. `options` passes backend options
 * through by their SANE names (e.g. `{ filename: '/path/page.pgm' }` for the pnm device); they
 * are applied last, so they win over the named settings.
 */
export const ScanSettingsSchema = z
  .object({
    source: z.enum(sources).optional(),
    mode: z.enum(modes).optional(),
    resolution: z.number().int().min(25).max(4800).optional(),
    pageSize: z.union([z.enum(pageSizeNames as [PageSizeName, ...PageSizeName[]]), AreaSchema.extend({ widthMm: z.number().positive().max(2000), heightMm: z.number().positive().max(10000) }).strict()]).optional(),
    options: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/), z.string().max(4096)).default({}),
  })
  .strict();
export type ScanSettings = z.infer<typeof ScanSettingsSchema>;

/**
 * A scanner driver as the application sees it (implemented by native/scanning's isolated SANE
 * driver; TWAIN later). All errors are CourtErrors with SCANNER_* codes (core/contract/errors/scanning.ts).
 *
 * `scan` yields pages in feed order, each as soon as the scanner has delivered it. A flatbed
 * scan yields one page. A feeder scan yields pages until the feeder is empty; an empty feeder
 * before the first page is SCANNER_FEEDER_EMPTY. A failure mid-batch (jam, cover open, lost
 * connection, driver crash) is thrown after every page delivered before it, so those pages can be kept.
 * Aborting the signal stops the scanner and ends the iteration without error; pages not yet
 * yielded are dropped. Breaking out of the loop also stops the scanner.
 */
export interface ScannerPort {
  listDevices(): Promise<DeviceInfo[]>;
  capabilities(device: string): Promise<Capabilities>;
  scan(device: string, settings: ScanSettings, signal?: AbortSignal): AsyncIterable<RawPage>;
  close(): Promise<void>;
}
