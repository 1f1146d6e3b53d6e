import { z } from 'zod';
import { isErrorCode, type ErrorCode } from '../errors/index.js';
import { CaseRefSchema } from './case.js';

/** Kept equal to core/scanning/port/scannerPort.ts (checked by the scanning impl's types); the renderer may not import core/scanning. */
export const scanSources = ['flatbed', 'adf', 'adf-duplex'] as const;
export const scanModes = ['color', 'gray', 'lineart'] as const;
export const batchStatuses = ['running', 'completed', 'interrupted', 'cancelled', 'failed'] as const;
export type BatchStatusName = (typeof batchStatuses)[number];

export const CourtErrorDataSchema = z.object({
  code: z.custom<ErrorCode>(isErrorCode),
  message: z.string(),
  messageEn: z.string(),
  remedy: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const CapabilitiesSchema = z.object({
  sources: z.array(z.enum(scanSources)),
  modes: z.array(z.enum(scanModes)),
  resolutions: z.union([z.object({ list: z.array(z.number()) }), z.object({ min: z.number(), max: z.number(), step: z.number() })]).nullable(),
  maxArea: z.object({ widthMm: z.number(), heightMm: z.number() }).nullable(),
});
export type ScanCapabilities = z.infer<typeof CapabilitiesSchema>;

export const ScanDeviceSchema = z.object({
  name: z.string(),
  vendor: z.string(),
  model: z.string(),
  type: z.string(),
  /** null when the device could not be asked; error then says why. */
  capabilities: CapabilitiesSchema.nullable(),
  error: CourtErrorDataSchema.nullable(),
});
export type ScanDevice = z.infer<typeof ScanDeviceSchema>;

/**
 * What the operator may choose. Backend pass-through options (such as the pnm backend's
 * filename) are deliberately not offered over the contract: they would let a caller read host files.
 */
const settingsShape = {
  source: z.enum(scanSources).optional(),
  mode: z.enum(scanModes).optional(),
  resolution: z.number().int().min(25).max(4800).optional(),
};
export const OperatorScanSettingsSchema = z.object(settingsShape).strict();
export type OperatorScanSettings = z.infer<typeof OperatorScanSettingsSchema>;

export const StartScanInputSchema = z.object({
  case: CaseRefSchema.shape.number,
  device: z.string().trim().min(1).max(256),
  settings: OperatorScanSettingsSchema.default({}),
  /** Orientation detection costs about a second a page; off for a stack known to be upright. */
  orientation: z.boolean().default(true),
});

export const BatchRefSchema = z.object({ batchId: z.number().int().positive() });

export const ScanPageSchema = z.object({
  pageId: z.number().int(),
  /** 1-based page number within the case. */
  position: z.number().int(),
  batchId: z.number().int().nullable(),
  batchSeq: z.number().int().nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  dpi: z.number().int().nullable(),
  blank: z.boolean(),
  /** Degrees the page was straightened by. */
  skew: z.number().nullable(),
  rotated: z.number().int(),
  /** A small JPEG as a data: URL, or null for pages stored before thumbnails existed. */
  thumbnail: z.string().startsWith('data:image/').nullable(),
});
export type ScanPage = z.infer<typeof ScanPageSchema>;

export const ScanBatchSchema = z.object({
  id: z.number().int(),
  case: z.string(),
  kind: z.enum(['scan', 'import']),
  device: z.string(),
  /** As recorded; anything else a batch recorded (an import's file name) is left out. */
  settings: z.object(settingsShape).catch({}),
  status: z.enum(batchStatuses),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  error: CourtErrorDataSchema.nullable(),
  pages: z.number().int(),
});
export type ScanBatch = z.infer<typeof ScanBatchSchema>;

export const ScanPageEventSchema = z.object({
  batchId: z.number().int(),
  case: z.string(),
  /** Pages stored in this batch so far, earlier runs of a continued batch included. */
  done: z.number().int(),
  page: ScanPageSchema,
});

export const ScanStateEventSchema = z.object({
  batchId: z.number().int(),
  case: z.string(),
  status: z.enum(batchStatuses),
  pages: z.number().int(),
  error: CourtErrorDataSchema.nullable(),
});
export type ScanStateEvent = z.infer<typeof ScanStateEventSchema>;
