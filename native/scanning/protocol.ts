import { z } from 'zod';
import { isErrorCode, type ErrorData } from '../../core/contract/index.js';
import { CapabilitiesSchema, DeviceInfoSchema, ScanSettingsSchema } from '../../core/scanning/port/scannerPort.js';

/**
 * Messages between the application and the driver process (driverHost.ts), sent with Node's
 * "advanced" IPC serialization so page buffers travel as bytes (one copy each side, no base64).
 * Both sides check what arrives: the driver process runs third-party backend code.
 *
 * A scan streams one `page` message per page. Flow control is by credit: the driver may have
 * `window` pages sent but not yet taken; each `pull` (the consumer took a page) allows one more,
 * so a fast feeder cannot pile pages up in the application's memory.
 */
const Id = z.number().int().nonnegative();

export const DriverRequestSchema = z.discriminatedUnion('op', [
  z.object({ id: Id, op: z.literal('list') }),
  z.object({ id: Id, op: z.literal('capabilities'), device: z.string().min(1).max(256) }),
  z.object({ id: Id, op: z.literal('scan'), device: z.string().min(1).max(256), settings: ScanSettingsSchema, window: z.number().int().min(1).max(64) }),
  /** `id` is the scan's. */
  z.object({ id: Id, op: z.literal('pull') }),
  z.object({ id: Id, op: z.literal('cancel') }),
]);
export type DriverRequest = z.input<typeof DriverRequestSchema>;
export type ParsedRequest = z.output<typeof DriverRequestSchema>;

const ErrorDataSchema = z.object({
  code: z.string().refine(isErrorCode),
  message: z.string(),
  messageEn: z.string(),
  remedy: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

const PageSchema = z
  .object({
    index: z.number().int().nonnegative(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    depth: z.union([z.literal(1), z.literal(8)]),
    channels: z.union([z.literal(1), z.literal(3)]),
    bytesPerLine: z.number().int().positive(),
    resolution: z.number().nonnegative(),
    data: z.custom<Uint8Array>((v) => v instanceof Uint8Array),
  })
  .refine((p) => p.data.byteLength >= p.bytesPerLine * p.height, 'page data shorter than its geometry');

export const DriverReplySchema = z.discriminatedUnion('kind', [
  z.object({ id: Id, kind: z.literal('devices'), devices: z.array(DeviceInfoSchema) }),
  z.object({ id: Id, kind: z.literal('capabilities'), capabilities: CapabilitiesSchema }),
  z.object({ id: Id, kind: z.literal('page'), page: PageSchema }),
  z.object({ id: Id, kind: z.literal('end') }),
  z.object({ id: Id, kind: z.literal('error'), error: ErrorDataSchema.transform((e) => e as ErrorData) }),
]);
export type DriverReply = z.input<typeof DriverReplySchema>;
export type ParsedReply = z.output<typeof DriverReplySchema>;
