import { pathToFileURL } from 'node:url';
import { relayParentPort, workerModuleFrom } from './relay.js';

// Entry of every Electron utility process (devices, OCR): runs a worker module written for
// child_process.fork unchanged, so a crash there never takes the window or the store with it.
const port = process.parentPort;
if (!port) throw new Error('electron/utility/host runs only inside an Electron utility process');
relayParentPort(process, port);
import(pathToFileURL(workerModuleFrom(process.env)).href).catch((err: unknown) => {
  console.error('[courtdesk] utility worker failed to start', err);
  process.exit(1);
});
