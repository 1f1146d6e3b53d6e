import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { bridgeEventChannel } from '../../core/contract/bridge.js';
import { channels } from '../../core/contract/index.js';
import type { CourtCore } from '../../core/app/courtCore.js';
import { createIpcRouter } from './ipcRouter.js';

function senderOf(event: IpcMainInvokeEvent) {
  const frame = event.senderFrame;
  return { webContentsId: event.sender.id, frameUrl: frame?.url ?? null, isMainFrame: frame !== null && frame.parent === null };
}

/**
 * One ipcMain handler per contract channel (a call on any other channel finds no handler),
 * each checking the sender before the core's dispatcher sees the call.
 */
export function registerIpc(core: CourtCore): { attach(contents: WebContents): void } {
  const router = createIpcRouter(core);
  for (const channel of channels) {
    ipcMain.handle(channel, (event, input: unknown) => router.call(senderOf(event), channel, input));
  }
  return {
    attach(contents) {
      const disconnect = router.connect(contents.id, (message) => {
        if (!contents.isDestroyed()) contents.send(bridgeEventChannel, message);
      });
      contents.once('destroyed', disconnect);
    },
  };
}
