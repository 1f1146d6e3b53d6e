import type { WebSocket } from 'ws';
import { CourtError, eventNames, type Envelope } from '../../core/contract/index.js';
import type { CourtCore } from '../../core/app/courtCore.js';
import type { CallContext } from '../../core/rpc/callContext.js';
import { CallFrameSchema } from '../../core/contract/wire.js';

export type ApiCore = Pick<CourtCore, 'dispatch' | 'events' | 'downloads'>;

function invalidFrame(why: string): Envelope<never> {
  return { ok: false, error: new CourtError('INVALID_INPUT', { message: `无效的请求帧：${why}`, messageEn: `Invalid request frame: ${why}` }).toData() };
}

/** The id a malformed frame carried, if any, so the caller can still match the answer. */
function salvageId(value: unknown): number | string | null {
  if (typeof value !== 'object' || value === null || !('id' in value)) return null;
  const id = (value as { id: unknown }).id;
  return typeof id === 'number' || (typeof id === 'string' && id.length <= 64) ? id : null;
}

/**
 * One WebSocket = one caller: its own CallContext, so signing in on one connection never signs
 * in another (a page reload signs in again). Events reach only signed-in connections.
 */
export function serveApiConnection(socket: WebSocket, core: ApiCore): void {
  const ctx: CallContext = { session: null };
  const send = (message: unknown) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = eventNames.map((name) =>
    core.events.on(name, (payload) => {
      if (ctx.session) send({ event: name, payload });
    }),
  );

  socket.on('message', async (data, isBinary) => {
    if (isBinary) return send({ id: null, envelope: invalidFrame('应为 JSON 文本') });
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      return send({ id: null, envelope: invalidFrame('不是有效的 JSON') });
    }
    const frame = CallFrameSchema.safeParse(parsed);
    if (!frame.success) return send({ id: salvageId(parsed), envelope: invalidFrame('应为 {id, channel, input}') });
    const { id, channel, input } = frame.data;
    send({ id, envelope: await core.dispatch(ctx, channel, input) });
  });
  // Oversized frames and protocol violations surface here; ws closes the socket itself.
  socket.on('error', () => undefined);
  socket.on('close', () => {
    for (const off of unsubscribe) off();
    ctx.session = null;
  });
}
