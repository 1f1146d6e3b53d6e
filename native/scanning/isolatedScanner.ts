import { fork, type ChildProcess } from 'node:child_process';
import { CourtError } from '../../core/contract/index.js';
import { ScanSettingsSchema, type Capabilities, type DeviceInfo, type RawPage, type ScannerPort, type ScanSettings } from '../../core/scanning/port/scannerPort.js';
import { DriverReplySchema, type DriverReply, type DriverRequest } from './protocol.js';

type Listener = (reply: DriverReply | { id: number; kind: 'crash'; cause: string }) => void;

function driverEntry(): { file: string; execArgv: string[] } {
  const ts = import.meta.url.endsWith('.ts');
  const file = new URL(`./driverHost.${ts ? 'ts' : 'js'}`, import.meta.url).pathname;
  // From TypeScript sources the child needs tsx's loader; a built app runs plain JavaScript.
  return { file, execArgv: ts ? ['--import', import.meta.resolve('tsx')] : [] };
}

/**
 * The scanner port backed by a driver process (native/scanning/driverHost). Pages stream over IPC;
 * if the process dies mid-batch, the pages already received stand and the scan ends with
 * SCANNER_DRIVER_CRASHED. The next request starts a fresh process.
 */
export class IsolatedScanner implements ScannerPort {
  private child: ChildProcess | null = null;
  private nextId = 1;
  private readonly listeners = new Map<number, Listener>();

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  /** The running driver's process id, for tests that stop it the hard way. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  private driver(): ChildProcess {
    if (this.child) return this.child;
    const { file, execArgv } = driverEntry();
    const child = fork(file, [], { execArgv, env: this.env, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('message', (raw) => {
      const parsed = DriverReplySchema.safeParse(raw);
      if (parsed.success) this.listeners.get(parsed.data.id)?.(parsed.data);
    });
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = null;
      for (const [id, listener] of this.listeners) listener({ id, kind: 'crash', cause: `exit ${code ?? signal}` });
    });
    this.child = child;
    return child;
  }

  private request<T>(req: { op: 'list' } | { op: 'capabilities'; device: string }, pick: (r: DriverReply) => T | undefined): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.listeners.set(id, (reply) => {
        this.listeners.delete(id);
        if (reply.kind === 'crash') reject(new CourtError('SCANNER_DRIVER_CRASHED', { details: { cause: reply.cause } }));
        else if (reply.kind === 'error') reject(CourtError.fromData(reply.error));
        else {
          const value = pick(reply);
          if (value === undefined) reject(new CourtError('SCANNER_IO', { details: { unexpected: reply.kind } }));
          else resolve(value);
        }
      });
      this.driver().send({ ...req, id } as DriverRequest);
    });
  }

  listDevices(): Promise<DeviceInfo[]> {
    return this.request({ op: 'list' }, (r) => (r.kind === 'devices' ? r.devices : undefined));
  }

  capabilities(device: string): Promise<Capabilities> {
    return this.request({ op: 'capabilities', device }, (r) => (r.kind === 'capabilities' ? r.capabilities : undefined));
  }

  async *scan(device: string, settings: ScanSettings, signal?: AbortSignal): AsyncIterable<RawPage> {
    const checked = ScanSettingsSchema.parse(settings);
    const id = this.nextId++;
    const queue: (DriverReply | { id: number; kind: 'crash'; cause: string })[] = [];
    let wake: (() => void) | null = null;
    this.listeners.set(id, (reply) => {
      queue.push(reply);
      wake?.();
    });
    const child = this.driver();
    const onAbort = () => child.send({ id: this.nextId++, op: 'cancel' } satisfies DriverRequest);
    signal?.addEventListener('abort', onAbort, { once: true });
    child.send({ id, op: 'scan', device, settings: checked } satisfies DriverRequest);
    try {
      for (;;) {
        while (queue.length === 0) await new Promise<void>((r) => (wake = r));
        const reply = queue.shift()!;
        if (reply.kind === 'page') yield { ...reply.page, data: Buffer.from(reply.page.data.buffer, reply.page.data.byteOffset, reply.page.data.byteLength) };
        else if (reply.kind === 'end') return;
        else if (reply.kind === 'error') throw CourtError.fromData(reply.error);
        else if (reply.kind === 'crash') throw new CourtError('SCANNER_DRIVER_CRASHED', { details: { cause: reply.cause } });
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.listeners.delete(id);
    }
  }

  async close(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.disconnect();
    });
  }
}
