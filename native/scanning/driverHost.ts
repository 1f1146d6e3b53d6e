import { CourtError, type ErrorData } from '../../core/contract/index.js';
import type { ScannerPort } from '../../core/scanning/port/scannerPort.js';
import { shutdownSane } from '../sane/bindings.js';
import { SaneScanner } from '../sane/saneScanner.js';
import type { TraceStep } from '../twain/session.js';
import { TwainScanner } from '../twain/twainScanner.js';
import { driverKind } from './driverChoice.js';
import { DriverRequestSchema, type DriverReply, type ParsedRequest } from './protocol.js';

/**
 * The driver process: owns libsane, or TWAINDSM.dll on Windows (driverChoice.ts). It runs apart
 * from the application so that a backend that crashes or hangs takes only this process down
 * (isolatedScanner.ts restarts it on the next request). Started with fork() and IPC in "advanced"
 * serialization.
 */
if (!process.send) throw new Error('driverHost runs as a child process with an IPC channel');

/** Resolves once the message is handed to the channel: a slow parent slows the scan instead of queueing pages here. */
const send = (reply: DriverReply) =>
  new Promise<void>((resolve) => {
    if (!process.connected) return resolve();
    process.send!(reply, undefined, undefined, () => resolve());
  });

const toError = (err: unknown): ErrorData =>
  (err instanceof CourtError ? err : new CourtError('SCANNER_IO', { details: { cause: err instanceof Error ? err.message : String(err) } })).toData();

interface RunningScan {
  device: string;
  abort: AbortController;
  credits: number;
  wake: (() => void) | null;
  done: Promise<void>;
}

// COURTDESK_TWAIN_TRACE=1 writes every TWAIN triplet with its codes and the state after it to stderr, for diagnosing a driver in the field.
const traceTwain = process.env.COURTDESK_TWAIN_TRACE ? (s: TraceStep) => process.stderr.write(`TWAIN ${s.triplet} rc=${s.rc} cc=${s.cc} → state ${s.state}\n`) : undefined;
const scanner: ScannerPort = driverKind(process.env) === 'twain' ? new TwainScanner({ trace: traceTwain }) : new SaneScanner();
const scans = new Map<number, RunningScan>();

async function scan(req: Extract<ParsedRequest, { op: 'scan' }>): Promise<void> {
  // A batch cancelled a moment ago may still be closing its device: wait for it rather than report the scanner busy.
  for (const other of scans.values()) if (other.device === req.device && other.abort.signal.aborted) await other.done;
  let finish = () => {};
  const run: RunningScan = { device: req.device, abort: new AbortController(), credits: req.window, wake: null, done: new Promise((r) => (finish = r)) };
  scans.set(req.id, run);
  try {
    for await (const page of scanner.scan(req.device, req.settings, run.abort.signal)) {
      await send({ id: req.id, kind: 'page', page });
      run.credits -= 1;
      while (run.credits <= 0 && !run.abort.signal.aborted) await new Promise<void>((r) => (run.wake = r));
    }
    await send({ id: req.id, kind: 'end' });
  } finally {
    scans.delete(req.id);
    finish();
  }
}

process.on('message', async (raw: unknown) => {
  const parsed = DriverRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const id = typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'number' ? raw.id : -1;
    await send({ id, kind: 'error', error: new CourtError('INTERNAL', { details: { protocol: parsed.error.message } }).toData() });
    return;
  }
  const req = parsed.data;
  try {
    switch (req.op) {
      case 'list':
        return await send({ id: req.id, kind: 'devices', devices: await scanner.listDevices() });
      case 'capabilities':
        return await send({ id: req.id, kind: 'capabilities', capabilities: await scanner.capabilities(req.device) });
      case 'scan':
        return await scan(req);
      case 'pull':
      case 'cancel': {
        const run = scans.get(req.id);
        if (!run) return;
        if (req.op === 'pull') run.credits += 1;
        else run.abort.abort();
        run.wake?.();
        run.wake = null;
        return;
      }
    }
  } catch (err) {
    await send({ id: req.id, kind: 'error', error: toError(err) });
  }
});

// The application closed the channel (or died), or, in an Electron utility process which has no
// channel to close, asked the process to end: stop scanning and let the backends release the devices.
const release = () => {
  for (const run of scans.values()) run.abort.abort();
  shutdownSane();
  process.exit(0);
};
process.on('disconnect', release);
process.on('SIGTERM', release);
