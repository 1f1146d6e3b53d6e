import { channels, CourtError, type CourtApi, type Envelope } from '../../core/contract/index.js';
import type { Transport } from './transport.js';

export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw CourtError.fromData(envelope.error);
}

/**
 * Builds api.cases.create(...) etc. from the contract's channel list, so the renderer can
 * only ever call what the allowlist names, and every failure arrives as a typed CourtError.
 */
export function createCourtApi(transport: Pick<Transport, 'invoke'>): CourtApi {
  const api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const channel of channels) {
    const dot = channel.indexOf('.');
    const service = channel.slice(0, dot);
    const method = channel.slice(dot + 1);
    (api[service] ??= {})[method] = async (input) => unwrap(await transport.invoke(channel, input ?? {}));
  }
  return api as unknown as CourtApi;
}
