import { app, utilityProcess, type UtilityProcess } from 'electron';
import { workerModuleVariable } from '../utility/relay.js';
import { appFiles } from './paths.js';

/**
 * Starts a worker module written for child_process.fork (a scanner driver host, an OCR engine)
 * in an Electron utility process: talk to it with postMessage and the 'message' and 'exit'
 * events. Utility processes keep working with the runAsNode fuse off, unlike fork().
 */
export function forkUtilityWorker(workerModule: string, serviceName: string, env: NodeJS.ProcessEnv = process.env): UtilityProcess {
  return utilityProcess.fork(appFiles(app.getAppPath()).utilityHost, [], {
    serviceName,
    // stderr is piped so a crashing backend's last words reach the operator's error report.
    stdio: ['ignore', 'inherit', 'pipe'],
    env: { ...env, [workerModuleVariable]: workerModule },
  });
}
