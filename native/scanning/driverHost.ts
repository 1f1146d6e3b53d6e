import { CourtError, type ErrorData } from '../../core/contract/index.js';
import { SaneScanner } from '../sane/saneScanner.js';
import type { DriverReply, DriverRequest } from './protocol.js';

/**
 * The driver process: owns libsane and answers one request at a time. It runs apart from the
 * application so that a backend that crashes or hangs takes only this process down.
 */
const send = (reply: DriverReply) => process.send!(reply);
const toError = (err: unknown): ErrorData =>
  (err instanceof CourtError ? err : new CourtError('SCANNER_IO', { details: { cause: String(err) } })).toData();

const scanner = new SaneScanner();
let scanning: AbortController | null = null;

process.on('message', async (msg: DriverRequest) => {
  try {
    switch (msg.op) {
      case 'list':
        send({ id: msg.id, kind: 'devices', devices: await scanner.listDevices() });
        return;
      case 'capabilities':
        send({ id: msg.id, kind: 'capabilities', capabilities: await scanner.capabilities(msg.device) });
        return;
      case 'cancel':
        scanning?.abort();
        return;
      case 'scan': {
        scanning = new AbortController();
        for await (const page of scanner.scan(msg.device, msg.settings, scanning.signal)) send({ id: msg.id, kind: 'page', page });
        send({ id: msg.id, kind: 'end' });
        return;
      }
    }
  } catch (err) {
    send({ id: msg.id, kind: 'error', error: toError(err) });
  } finally {
    if (msg.op === 'scan') scanning = null;
  }
});
process.on('disconnect', () => process.exit(0));
