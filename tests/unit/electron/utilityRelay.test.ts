import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { relayParentPort, workerModuleFrom, workerModuleVariable, type ParentPortLike } from '../../../electron/utility/relay.js';

/** Electron's parentPort as the utility process sees it: messages arrive wrapped in { data }. */
class ParentPort extends EventEmitter implements ParentPortLike {
  readonly posted: unknown[] = [];
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
}

describe('the utility-process relay', () => {
  it('lets a module written for child_process.fork talk over parentPort unchanged', async () => {
    const proc = Object.assign(new EventEmitter(), { send: undefined as NodeJS.Process['send'] });
    const port = new ParentPort();
    relayParentPort(proc, port);
    // What a fork()-style scanner host does: answer each request with process.send.
    proc.on('message', (m: { id: number; op: string }) => proc.send!({ id: m.id, ok: true, pages: [new Uint8Array([1, 2])] }));
    port.emit('message', { data: { id: 7, op: 'scan' } });
    expect(port.posted).toEqual([{ id: 7, ok: true, pages: [new Uint8Array([1, 2])] }]);
    const sent = await new Promise<Error | null>((resolve) => proc.send!({ id: 8 }, undefined, {}, resolve));
    expect(sent).toBeNull();
  });

  it('loads only an absolute path to a JavaScript module', () => {
    expect(workerModuleFrom({ [workerModuleVariable]: '/opt/courtdesk/native/scanning/driverHost.js' })).toBe('/opt/courtdesk/native/scanning/driverHost.js');
    for (const bad of [undefined, '', 'driverHost.js', '../x.js', '/opt/x.ts', '/opt/x.node', 'https://example.com/x.js']) {
      expect(() => workerModuleFrom({ [workerModuleVariable]: bad }), String(bad)).toThrow(workerModuleVariable);
    }
  });
});
