import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.js';

// Sandboxed preload: bundled to one CommonJS file whose only require is 'electron'.
contextBridge.exposeInMainWorld('courtdesk', createBridge(ipcRenderer, process.platform));
