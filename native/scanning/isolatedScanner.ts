import { CourtError } from '../../core/contract/index.js';
import { ScanSettingsSchema, type Capabilities, type DeviceInfo, type RawPage, type ScannerPort, type ScanSettings } from '../../core/scanning/port/scannerPort.js';
import { forkDriver, type DriverProcess, type DriverSpawner } from './driverProcess.js';
import { DriverReplySchema, type DriverRequest, type ParsedReply } from './protocol.js';

type Event = ParsedReply | { id: number; kind: 'crash'; cause: string; stderr: string };
type Listener = (event: Event) => void;

export interface IsolatedScannerOptions {
  /** Environment of the driver process, e.g. with SANE_CONFIG_DIR (libsane reads it once, at start). */
  env?: NodeJS.ProcessEnv;
  /** Pages the driver may deliver ahead of the consumer. */
  window?: number;
  /** How long a cancelled scan may take to stop before the driver process is killed. */
  cancelGraceMs?: number;
  /** How the driver process is started; forkDriver unless the host (Electron) has its own kind of process. */
  spawn?: DriverSpawner;
}

/** Last bytes of the driver's stderr, kept for the crash report (backends print their last words there). */
const STDERR_TAIL = 4096;

function crashed(event: Extract<Event, { kind: 'crash' }>, pagesReceived?: number): CourtError {
  return new CourtError('SCANNER_DRIVER_CRASHED', {
    message: pagesReceived ? `扫描仪驱动程序意外退出（已收到的 ${pagesReceived} 页均已保留）` : undefined,
    details: { cause: event.cause, stderr: event.stderr || undefined, pagesReceived },
  });
}

/**
 * The scanner port backed by a driver process (native/scanning/driverHost.ts, SANE inside).
 * Pages stream over IPC; if the process dies mid-batch, the pages already yielded stand and the
 * scan throws SCANNER_DRIVER_CRASHED. The next request starts a fresh process. An idle driver
 * does not keep the application's event loop alive; close() ends it.
 */
export class IsolatedScanner implements ScannerPort {
  private child: DriverProcess | null = null;
  private stderrTail = '';
  private nextId = 1;
  private readonly listeners = new Map<number, Listener>();
  private readonly options: Required<Omit<IsolatedScannerOptions, 'env'>> & { env: NodeJS.ProcessEnv };

  constructor(env: NodeJS.ProcessEnv = process.env, options: Omit<IsolatedScannerOptions, 'env'> = {}) {
    this.options = { env, window: options.window ?? 2, cancelGraceMs: options.cancelGraceMs ?? 10_000, spawn: options.spawn ?? forkDriver };
  }

  /** The running driver's process id, for tests that stop it the hard way. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  private driver(): DriverProcess {
    if (this.child) return this.child;
    const child = this.options.spawn(this.options.env);
    this.stderrTail = '';
    child.onStderr((chunk) => {
      process.stderr.write(chunk);
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    child.onMessage((raw) => {
      const parsed = DriverReplySchema.safeParse(raw);
      // A reply that fails the check is a driver fault: end that process rather than trust it.
      if (!parsed.success) child.kill();
      else this.listeners.get(parsed.data.id)?.(parsed.data);
    });
    child.onGone((cause) => {
      if (this.child !== child) return;
      this.child = null;
      for (const [id, listener] of [...this.listeners]) listener({ id, kind: 'crash', cause, stderr: this.stderrTail });
    });
    this.child = child;
    this.updateRef();
    return child;
  }

  /** Keep the application alive only while a request is outstanding. */
  private updateRef(): void {
    this.child?.hold(this.listeners.size > 0);
  }

  private listen(id: number, listener: Listener): void {
    this.listeners.set(id, listener);
    this.updateRef();
  }

  private unlisten(id: number): void {
    this.listeners.delete(id);
    this.updateRef();
  }

  private post(child: DriverProcess, req: DriverRequest): void {
    child.send(req);
  }

  private request<T>(req: { op: 'list' } | { op: 'capabilities'; device: string }, pick: (r: ParsedReply) => T | undefined): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.listen(id, (event) => {
        this.unlisten(id);
        if (event.kind === 'crash') reject(crashed(event));
        else if (event.kind === 'error') reject(CourtError.fromData(event.error));
        else {
          const value = pick(event);
          if (value === undefined) reject(new CourtError('INTERNAL', { details: { unexpectedReply: event.kind } }));
          else resolve(value);
        }
      });
      this.post(this.driver(), { ...req, id });
    });
  }

  listDevices(): Promise<DeviceInfo[]> {
    return this.request({ op: 'list' }, (r) => (r.kind === 'devices' ? r.devices : undefined));
  }

  capabilities(device: string): Promise<Capabilities> {
    return this.request({ op: 'capabilities', device }, (r) => (r.kind === 'capabilities' ? r.capabilities : undefined));
  }

  async *scan(device: string, settings: ScanSettings, signal?: AbortSignal): AsyncIterable<RawPage> {
    const checked = ScanSettingsSchema.safeParse(settings);
    if (!checked.success) throw new CourtError('INVALID_INPUT', { details: { settings: checked.error.message } });
    if (signal?.aborted) return;
    const id = this.nextId++;
    const queue: Event[] = [];
    let wake: (() => void) | null = null;
    const rouse = () => {
      wake?.();
      wake = null;
    };
    this.listen(id, (event) => {
      queue.push(event);
      rouse();
    });
    const child = this.driver();
    signal?.addEventListener('abort', rouse, { once: true });
    this.post(child, { id, op: 'scan', device, settings: checked.data, window: this.options.window });
    let finished = false;
    let received = 0;
    try {
      for (;;) {
        while (queue.length === 0 && !signal?.aborted) await new Promise<void>((r) => (wake = r));
        if (signal?.aborted) return;
        const event = queue.shift()!;
        if (event.kind === 'page') {
          const { data, ...geometry } = event.page;
          received += 1;
          yield { ...geometry, data: Buffer.from(data.buffer, data.byteOffset, data.byteLength) };
          this.post(child, { id, op: 'pull' });
        } else {
          finished = true;
          if (event.kind === 'end') return;
          if (event.kind === 'error') throw CourtError.fromData(event.error);
          if (event.kind === 'crash') throw crashed(event, received);
          throw new CourtError('INTERNAL', { details: { unexpectedReply: event.kind } });
        }
      }
    } finally {
      signal?.removeEventListener('abort', rouse);
      this.unlisten(id);
      if (!finished) this.stop(child, id);
    }
  }

  /** Cancels a scan nobody reads any more; a driver that does not stop in time is killed. */
  private stop(child: DriverProcess, id: number): void {
    if (this.child !== child || !child.connected) return;
    const timer = setTimeout(() => child.kill(), this.options.cancelGraceMs);
    this.listen(id, (event) => {
      if (event.kind === 'page') return;
      clearTimeout(timer);
      this.unlisten(id);
    });
    this.post(child, { id, op: 'cancel' });
  }

  /** Ends the driver process; a scan still running ends with SCANNER_DRIVER_CRASHED. */
  async close(): Promise<void> {
    await this.child?.end();
  }
}

/** The scanner port for this machine: SANE in its own process. */
export function createIsolatedScanner(options: IsolatedScannerOptions = {}): IsolatedScanner {
  const { env, ...rest } = options;
  return new IsolatedScanner(env, rest);
}
