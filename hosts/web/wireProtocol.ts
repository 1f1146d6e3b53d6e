import { TOKEN_PROTOCOL_PREFIX, API_PROTOCOL } from '../../core/contract/wire.js';

/** Splits the Sec-WebSocket-Protocol offer into the protocol and the presented token. */
export function readProtocolOffer(header: string | undefined): { speaksApi: boolean; token: string | undefined } {
  const offered = (header ?? '').split(',').map((p) => p.trim());
  const tokenEntry = offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX));
  return { speaksApi: offered.includes(API_PROTOCOL), token: tokenEntry?.slice(TOKEN_PROTOCOL_PREFIX.length) };
}
