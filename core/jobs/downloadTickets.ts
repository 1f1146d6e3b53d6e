import { randomBytes } from 'node:crypto';
import { systemClock, type Clock } from './progressThrottle.js';

export interface DownloadTicketEntry {
  file: string;
  /** The name the browser should save the file under. */
  fileName: string;
  mediaType: string;
  expiresAt: number;
}

/** 256 random bits, base64url: the id is the whole capability, so it must not be guessable. */
const ID = /^[A-Za-z0-9_-]{43}$/;
export const DOWNLOAD_TTL_MS = 10 * 60_000;

/**
 * Single-use, short-lived download ids for files a job produced. The web host (and the desktop
 * app's app:// handler) serve GET /download/<id> once; a second GET, an unknown id or one older
 * than the time to live finds nothing. Held in memory: a restart invalidates every id.
 */
export class DownloadTickets {
  private readonly tickets = new Map<string, DownloadTicketEntry>();

  constructor(
    private readonly ttlMs = DOWNLOAD_TTL_MS,
    private readonly clock: Pick<Clock, 'now'> = systemClock,
  ) {}

  issue(file: string, fileName: string, mediaType = 'application/pdf'): { id: string; expiresAt: Date } {
    this.sweep();
    const id = randomBytes(32).toString('base64url');
    const expiresAt = this.clock.now() + this.ttlMs;
    this.tickets.set(id, { file, fileName, mediaType, expiresAt });
    return { id, expiresAt: new Date(expiresAt) };
  }

  /** The ticket's file, once: the ticket is gone afterwards whether or not the download completes. */
  claim(id: string): DownloadTicketEntry | null {
    if (!ID.test(id)) return null;
    const entry = this.tickets.get(id);
    if (!entry) return null;
    this.tickets.delete(id);
    return entry.expiresAt > this.clock.now() ? entry : null;
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const [id, t] of this.tickets) if (t.expiresAt <= now) this.tickets.delete(id);
  }
}

/** The path both hosts serve downloads under; the rest of the path is the id. */
export const DOWNLOAD_PATH_PREFIX = '/download/';

/**
 * Content-Disposition for a download whose name may be Chinese (RFC 6266 with the RFC 5987
 * filename*): browsers that read filename* get the UTF-8 name, the rest an ASCII stand-in.
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
