import { z } from 'zod';
import type { Envelope } from './envelope.js';
import { eventSchemas, type EventName } from './events.js';

/**
 * The web host's WebSocket protocol, shared by hosts/web and the renderer. The browser cannot
 * set headers on a WebSocket, so the token travels as a second offered subprotocol; the server
 * answers with the plain one so the token is never echoed back.
 */
export const API_PATH = '/api';
export const API_PROTOCOL = 'courtdesk.v1';
export const TOKEN_PROTOCOL_PREFIX = 'courtdesk.token.';

/** Larger frames close the connection (1009); no contract input comes near this. */
export const MAX_FRAME_BYTES = 1024 * 1024;

/** Client to server: one contract call. */
export const CallFrameSchema = z
  .object({
    id: z.union([z.number().int().nonnegative(), z.string().min(1).max(64)]),
    channel: z.string().min(1).max(128),
    input: z.unknown(),
  })
  .strict();
export type CallFrame = z.infer<typeof CallFrameSchema>;

const ErrorDataSchema = z.object({
  code: z.string(),
  message: z.string(),
  messageEn: z.string(),
  remedy: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

const EnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorDataSchema }),
]);

/** Server to client: an answer to a call, or an event. */
export const ServerFrameSchema = z.union([
  z.object({ id: z.union([z.number(), z.string(), z.null()]), envelope: EnvelopeSchema }),
  z.object({ event: z.string(), payload: z.unknown() }),
]);

/**
 * Checks an envelope from a host; CourtError.fromData turns codes this build does not
 * know into INTERNAL, so the cast only widens what the schema already checked.
 */
export function parseEnvelope(value: unknown): Envelope<unknown> | null {
  const parsed = EnvelopeSchema.safeParse(value);
  return parsed.success ? (parsed.data as Envelope<unknown>) : null;
}

export function parseEventPayload(event: string, payload: unknown): { event: EventName; payload: unknown } | null {
  if (!Object.hasOwn(eventSchemas, event)) return null;
  const parsed = eventSchemas[event as EventName].safeParse(payload);
  return parsed.success ? { event: event as EventName, payload: parsed.data } : null;
}
