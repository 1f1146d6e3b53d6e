import { userInfo } from 'node:os';
import { CourtError, roles } from '../../core/contract/index.js';
import { openCourtCore, type CourtCore } from '../../core/app/courtCore.js';
import { exportInWorker } from '../../core/dossier/desk/workerExporter.js';
import { resolveDataDir } from '../../core/config/dataDir.js';
import type { CallContext } from '../../core/rpc/callContext.js';
import { version } from '../version.js';

/**
 * The CLI is run by whoever operates the workstation's data directory, which already gives
 * them every file; it therefore acts with all roles, and the audit log names the OS account.
 */
export function cliCallContext(): CallContext {
  const name = `cli:${userInfo().username}`;
  return { session: { userId: 0, username: name, displayName: name, roles: [...roles] } };
}

export function openCliCore(dataDirFlag: string | undefined): CourtCore {
  return openCourtCore({ dataDir: resolveDataDir({ flag: dataDirFlag }), host: 'cli', version, exporter: exportInWorker() });
}

/** Calls a contract method through the same dispatcher the UI uses, so validation and roles are identical. */
export async function call<T>(core: CourtCore, channel: string, input: unknown): Promise<T> {
  const envelope = await core.dispatch(cliCallContext(), channel, input);
  if (!envelope.ok) throw CourtError.fromData(envelope.error);
  return envelope.value as T;
}

