import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where an administrator puts the court's own CA certificate (PEM) for a workstation's data directory. */
export const serverCaFile = (dataDir: string) => join(dataDir, 'server-ca.pem');

/**
 * The court's CA certificate when its server's certificate is not publicly trusted, read on each
 * use so a certificate put in place (or renewed) takes effect without a restart.
 */
export function serverCa(dataDir: string): Buffer | undefined {
  const file = serverCaFile(dataDir);
  return existsSync(file) ? readFileSync(file) : undefined;
}
