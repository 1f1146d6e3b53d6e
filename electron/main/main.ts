import { app, clipboard, dialog, Menu, protocol, session, type BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openCourtCore, type CourtCore } from '../../core/app/courtCore.js';
import { resolveDataDir } from '../../core/config/dataDir.js';
import { CourtError } from '../../core/contract/index.js';
import { exportInWorker } from '../../core/dossier/desk/workerExporter.js';
import { startWorkstation, type WorkstationServices } from '../../hosts/workstation.js';
import { createMainWindow } from './createMainWindow.js';
import { desktopKeyVault } from './desktopKeyVault.js';
import { hardenSession } from './hardenSession.js';
import { initialPasswordMessage, passwordDelivery } from './initialPassword.js';
import { registerIpc } from './ipc.js';
import { appFiles } from './paths.js';
import { appSchemePrivileges } from './security.js';
import { utilityDriverSpawner } from './utilityDriver.js';

let core: CourtCore | null = null;
let workstation: WorkstationServices | null = null;
let mainWindow: BrowserWindow | null = null;

function fatal(err: unknown): void {
  const text = err instanceof CourtError ? `${err.message}\n${err.remedy}` : err instanceof Error ? (err.stack ?? err.message) : String(err);
  console.error('[courtdesk] cannot start:', text);
  dialog.showErrorBox('CourtDesk 无法启动', text);
  app.exit(1);
}

async function deliverInitialPassword(password: string, window: BrowserWindow): Promise<void> {
  const delivery = passwordDelivery({ isPackaged: app.isPackaged, env: process.env });
  if (delivery.kind === 'file') {
    await writeFile(delivery.path, password, { mode: 0o600 });
    return;
  }
  const { response } = await dialog.showMessageBox(window, {
    type: 'info',
    title: 'CourtDesk 初始管理员',
    message: initialPasswordMessage(password),
    detail: '此密码只显示这一次。',
    buttons: ['复制密码', '我已记下'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  });
  if (response === 0) clipboard.writeText(password);
}

async function start(): Promise<void> {
  app.setAppUserModelId('cn.courtdesk.workstation');
  if (app.isPackaged) Menu.setApplicationMenu(null);
  const files = appFiles(app.getAppPath());
  if (!existsSync(join(files.rendererDir, 'index.html')) || !existsSync(files.preload)) {
    throw new CourtError('INTERNAL', {
      message: `找不到界面文件：${files.rendererDir}`,
      messageEn: `renderer build missing: ${files.rendererDir}`,
      remedy: '请先运行 npm run build',
    });
  }
  const sqliteBinding = !app.isPackaged && existsSync(files.devSqliteBinding) ? files.devSqliteBinding : undefined;
  const dataDir = resolveDataDir({ electronUserData: app.getPath('userData') });
  core = openCourtCore({
    dataDir,
    host: 'electron',
    version: app.getVersion(),
    sqliteBinding,
    exporter: exportInWorker({ sqliteBinding }),
    keyVault: desktopKeyVault(dataDir),
  });
  const password = await core.ensureInitialAdmin();
  workstation = startWorkstation(core, { scanner: { spawn: utilityDriverSpawner(files.electronDir) } });
  hardenSession(session.defaultSession, files.rendererDir, core.downloads);
  const ipc = registerIpc(core);
  mainWindow = await createMainWindow({
    preload: files.preload,
    devTools: !app.isPackaged,
    icon: files.icon,
    beforeLoad: (contents) => ipc.attach(contents),
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  if (password) await deliverInitialPassword(password, mainWindow);
}

// Must precede 'ready': privileged schemes are fixed when the browser process starts.
protocol.registerSchemesAsPrivileged([appSchemePrivileges]);

// One workstation per user: a second launch brings the first window forward instead of opening
// a second core, with its own sessions, on the same store.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  // Scans end and their batches close, and OCR workers stop, before the store is closed under them.
  app.on('will-quit', (event) => {
    if (workstation) {
      event.preventDefault();
      const stopping = workstation;
      workstation = null;
      void stopping.stop().finally(() => app.quit());
      return;
    }
    core?.close();
    core = null;
  });
  app.whenReady().then(start).catch(fatal);
}
