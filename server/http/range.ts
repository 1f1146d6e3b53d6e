/** The bytes a GET with `Range` asks for, inclusive; or 'unsatisfiable' (416), or null to send the whole body. */
export type ByteRange = { start: number; end: number };

/**
 * One `bytes=` range (RFC 9110 §14.1.2): `a-b`, `a-` or the suffix `-n`. A header we do not serve
 * (other units, several ranges, garbage) is ignored, which the RFC allows: the whole body is sent.
 * A range starting past the end, or an empty suffix, cannot be satisfied.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (!Number.isSafeInteger(start) || start >= size) return 'unsatisfiable';
  if (end < start) return null;
  return { start, end };
}

/** If-Range with our strong ETag: a client resuming an older download gets the whole (new) body instead. */
export function rangeStillValid(ifRange: string | string[] | undefined, etag: string): boolean {
  return ifRange === undefined || (typeof ifRange === 'string' && ifRange.trim() === etag);
}
