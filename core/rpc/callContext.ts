import type { Session } from '../contract/index.js';

/** Per connection (an Electron window, a WebSocket, a CLI run): who is calling. */
export interface CallContext {
  session: Session | null;
}
