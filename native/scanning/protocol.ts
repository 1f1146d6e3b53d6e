import { z } from 'zod';
import type { ErrorData } from '../../core/contract/index.js';
import type { Capabilities, DeviceInfo, RawPage, ScanSettings } from '../../core/scanning/port/scannerPort.js';

/** Parent to driver process. */
export type DriverRequest =
  | { id: number; op: 'list' }
  | { id: number; op: 'capabilities'; device: string }
  | { id: number; op: 'scan'; device: string; settings: ScanSettings }
  | { id: number; op: 'cancel' };

/** Driver process to parent; checked on arrival, since a misbehaving backend shares that process. */
export const DriverReplySchema = z.discriminatedUnion('kind', [
  z.object({ id: z.number(), kind: z.literal('devices'), devices: z.array(z.object({ name: z.string(), vendor: z.string(), model: z.string(), type: z.string() })) }),
  z.object({ id: z.number(), kind: z.literal('capabilities'), capabilities: z.custom<Capabilities>((v) => typeof v === 'object' && v !== null) }),
  z.object({
    id: z.number(),
    kind: z.literal('page'),
    page: z.object({
      index: z.number().int().nonnegative(),
      width: z.number().int().positive(),
      height: z.number().int().positive(),
      depth: z.union([z.literal(1), z.literal(8)]),
      channels: z.union([z.literal(1), z.literal(3)]),
      bytesPerLine: z.number().int().positive(),
      resolution: z.number().nonnegative(),
      data: z.custom<Uint8Array>((v) => v instanceof Uint8Array),
    }),
  }),
  z.object({ id: z.number(), kind: z.literal('end') }),
  z.object({ id: z.number(), kind: z.literal('error'), error: z.custom<ErrorData>((v) => typeof v === 'object' && v !== null && 'code' in v) }),
]);
export type DriverReply = z.infer<typeof DriverReplySchema>;

export type { Capabilities, DeviceInfo, RawPage };
