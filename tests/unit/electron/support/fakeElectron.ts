import { fork } from 'node:child_process';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

/** A navigation or IPC event as Electron hands it to listeners. */
export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: { channel: string; message: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, message: unknown): void {
    this.sent.push({ channel, message });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

/** Stands in for the OS key store: a key that lives only in this process, as DPAPI's lives with the user. */
function fakeSafeStorage() {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString: (text: string) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString: (data: Buffer) => {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

const parentPortShim = fileURLToPath(new URL('./parentPortShim.cjs', import.meta.url));

/** A utility process as a Node child with Electron's parentPort shimmed in: the real utility host and worker run in it. */
function forkUtility(modulePath: string, args: string[], options: { env?: NodeJS.ProcessEnv; stdio?: unknown }) {
  const child = fork(modulePath, args, {
    env: options.env,
    execArgv: ['--require', parentPortShim],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  return Object.assign(child, { postMessage: (message: unknown) => child.send(message as never) });
}

/**
 * The slice of Electron's main-process API that dist/electron/main.cjs touches, recording what
 * it is asked to do. Only for running the real bundle where no Electron binary exists.
 */
export function createFakeElectron(opts: { appPath: string; userData: string }) {
  const windows: FakeBrowserWindow[] = [];
  const handlers = new Map<string, Handler>();
  const protocolHandlers = new Map<string, (request: { url: string; method: string }) => Promise<Response>>();
  const calls = {
    privilegedSchemes: [] as unknown[],
    errorBoxes: [] as string[],
    messageBoxes: [] as unknown[],
    openedExternally: [] as string[],
    exitCode: null as number | null,
    quit: 0,
  };
  const permissions: { request?: (wc: unknown, permission: string, cb: (ok: boolean) => void) => void; check?: () => boolean } = {};
  let headersListener: ((details: unknown, cb: (r: unknown) => void) => void) | null = null;

  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    loadedUrl: string | null = null;
    visible = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
    async loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
      this.emit('ready-to-show');
    }
    show(): void {
      this.visible = true;
    }
    isMinimized(): boolean {
      return false;
    }
    restore(): void {}
    focus(): void {}
  }

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    getAppPath: () => opts.appPath,
    getPath: (name: string) => {
      if (name !== 'userData') throw new Error(`unexpected app.getPath(${name})`);
      return opts.userData;
    },
    getVersion: () => '0.1.0',
    setAppUserModelId: () => undefined,
    // As Electron does: quitting asks 'will-quit' listeners, which may hold the quit to finish work.
    quit: () => {
      calls.quit++;
      app.emit('will-quit', new FakeEvent());
    },
    exit: (code: number) => void (calls.exitCode = code),
  });

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    protocol: { registerSchemesAsPrivileged: (schemes: unknown[]) => calls.privilegedSchemes.push(...schemes) },
    session: {
      defaultSession: {
        protocol: { handle: (scheme: string, fn: (r: { url: string; method: string }) => Promise<Response>) => protocolHandlers.set(scheme, fn) },
        webRequest: { onHeadersReceived: (fn: typeof headersListener) => (headersListener = fn) },
        setPermissionRequestHandler: (fn: typeof permissions.request) => (permissions.request = fn),
        setPermissionCheckHandler: (fn: typeof permissions.check) => (permissions.check = fn),
        setDevicePermissionHandler: () => undefined,
      },
    },
    ipcMain: { handle: (channel: string, fn: Handler) => handlers.set(channel, fn) },
    dialog: {
      showErrorBox: (title: string, text: string) => calls.errorBoxes.push(`${title}: ${text}`),
      showMessageBox: async (_w: unknown, options: unknown) => {
        calls.messageBoxes.push(options);
        return { response: 1 };
      },
    },
    clipboard: { writeText: () => undefined },
    Menu: { setApplicationMenu: () => undefined },
    shell: { openExternal: async (url: string) => void calls.openedExternally.push(url) },
    utilityProcess: { fork: forkUtility },
    safeStorage: fakeSafeStorage(),
  };

  return {
    electron,
    app,
    windows,
    handlers,
    protocolHandlers,
    permissions,
    calls,
    headersListener: () => headersListener,
    /** Calls an ipcMain handler as if the given frame of the first window had sent it. */
    invoke(channel: string, input: unknown, frame: { url: string; parent: unknown } = { url: 'app://courtdesk/index.html', parent: null }) {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`no ipcMain handler for ${channel}`);
      return handler({ sender: windows[0].webContents, senderFrame: frame }, input);
    },
  };
}
