import type { PreviousUpload, UrlStorage } from 'tus-js-client';
import type { Db } from '../store/database.js';

interface Row {
  id: number;
  upload_url: string;
  size: number | null;
  metadata_json: string;
  creation_time: string;
}

/**
 * tus resume URLs in the workstation's SQLite store (table sync_uploads), keyed by
 * dossier id + sha256. Only the path is kept: behind a load balancer, or after switching
 * between instances, the upload resumes on whichever server base the client uses now.
 */
export class SqliteUrlStorage implements UrlStorage {
  constructor(
    private readonly db: Db,
    private readonly serverBase: string,
  ) {}

  private toPrevious(r: Row): PreviousUpload {
    return {
      size: r.size,
      metadata: JSON.parse(r.metadata_json) as Record<string, string>,
      creationTime: r.creation_time,
      urlStorageKey: String(r.id),
      uploadUrl: new URL(r.upload_url, `${this.serverBase}/`).toString(),
      parallelUploadUrls: null,
    };
  }

  async findAllUploads(): Promise<PreviousUpload[]> {
    return (this.db.prepare('SELECT * FROM sync_uploads ORDER BY id').all() as Row[]).map((r) => this.toPrevious(r));
  }

  /** Newest first, so the most recent upload resource of this version is tried first. */
  async findUploadsByFingerprint(fingerprint: string): Promise<PreviousUpload[]> {
    return (this.db.prepare('SELECT * FROM sync_uploads WHERE fingerprint = ? ORDER BY id DESC').all(fingerprint) as Row[]).map((r) => this.toPrevious(r));
  }

  async removeUpload(urlStorageKey: string): Promise<void> {
    this.db.prepare('DELETE FROM sync_uploads WHERE id = ?').run(Number(urlStorageKey));
  }

  async addUpload(fingerprint: string, upload: PreviousUpload): Promise<string> {
    if (!upload.uploadUrl) throw new Error('parallel uploads are not used');
    const path = new URL(upload.uploadUrl).pathname;
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO sync_uploads (fingerprint, upload_url, size, metadata_json, creation_time) VALUES (?, ?, ?, ?, ?)')
      .run(fingerprint, path, upload.size, JSON.stringify(upload.metadata ?? {}), upload.creationTime);
    return String(lastInsertRowid);
  }

  /** Drops every stored resource of a version (after it is confirmed, or when the server discarded it). */
  forget(fingerprint: string): void {
    this.db.prepare('DELETE FROM sync_uploads WHERE fingerprint = ?').run(fingerprint);
  }
}
