import type { CourtApi } from '../../core/contract/index.js';
import { takeAccessToken } from './accessToken.js';
import { createCourtApi } from './courtApi.js';
import { createElectronTransport } from './electronBridge.js';
import type { Transport } from './transport.js';
import { createWebSocketTransport } from './webSocketTransport.js';
import { API_PATH } from '../../core/contract/wire.js';

export interface CourtClient {
  api: CourtApi;
  transport: Transport;
}

export function clientOver(transport: Transport): CourtClient {
  return { api: createCourtApi(transport), transport };
}

/** Inside Electron the preload bridge; in a browser the web host's WebSocket, or null without a token. */
export function connectCourt(win: Window = window): CourtClient | null {
  if (win.courtdesk) return clientOver(createElectronTransport(win.courtdesk));
  const token = takeAccessToken(win);
  if (!token) return null;
  const scheme = win.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return clientOver(createWebSocketTransport({ url: `${scheme}//${win.location.host}${API_PATH}`, token }));
}
