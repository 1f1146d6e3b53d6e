import { createHash } from 'node:crypto';

/** tus checksum extension: `Upload-Checksum: <algorithm> <base64 digest>`; sha1 is the one the spec requires servers to know. */
export const checksumAlgorithms = ['sha256', 'sha1'] as const;

export type ChecksumVerdict = 'ok' | 'missing' | 'malformed' | 'unsupported' | 'mismatch';

export function verifyChecksum(header: string | undefined, body: Uint8Array): ChecksumVerdict {
  if (header === undefined) return 'missing';
  const m = /^([a-z0-9-]+) ([A-Za-z0-9+/]+={0,2})$/.exec(header.trim());
  if (!m) return 'malformed';
  const [, algorithm, digest] = m;
  if (!(checksumAlgorithms as readonly string[]).includes(algorithm)) return 'unsupported';
  return createHash(algorithm).update(body).digest('base64') === digest ? 'ok' : 'mismatch';
}
