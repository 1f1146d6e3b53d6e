import type { BlobStore } from '../store/blobStore.js';
import type { Db } from '../store/database.js';
import type { ProgressListener, SyncProgress } from './progress.js';
import { login, type LoginResult } from './session.js';
import { SyncClient, type SyncReport } from './syncClient.js';

// What `courtdesk login` and `courtdesk sync` run; hosts/cli wires flags, prompts and output to these.

/** `courtdesk login --server URL --user U` (password from a hidden prompt or --password-env). */
export function loginCommand(opts: { db: Db; server: string; username: string; password: string; ca?: string | Buffer; ledgerKey?: string; workstationName?: string }): Promise<LoginResult> {
  return login(opts.db, {
    url: opts.server,
    ca: opts.ca,
    username: opts.username,
    password: opts.password,
    ledgerKey: opts.ledgerKey,
    workstationName: opts.workstationName,
    offline: true,
  });
}

/** `courtdesk sync [--server URL] [--case 案号] [--json]`: never throws for sync failures; see report.ok / report.error. */
export function syncCommand(opts: {
  db: Db;
  blobs: BlobStore;
  server?: string;
  caseNumber?: string;
  ca?: string | Buffer;
  bandwidthLimit?: number;
  /** The workstation ledger's consistency proof between two tree sizes, so the server can check history was not rewritten. */
  consistencyProof?: (fromSize: number, toSize: number) => Promise<Uint8Array[]>;
  onProgress?: ProgressListener;
}): Promise<SyncReport> {
  const client = new SyncClient({
    db: opts.db,
    resolveSource: (v) => opts.blobs.pathOf(v.sha256),
    server: opts.server ? { url: opts.server, ca: opts.ca } : undefined,
    ca: () => opts.ca,
    bandwidthLimit: opts.bandwidthLimit,
    consistencyProof: opts.consistencyProof,
    onProgress: opts.onProgress,
  });
  return client.sync({ caseNumber: opts.caseNumber });
}

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

/** One progress line for a terminal, or null for events not worth a line. */
export function describeProgress(p: SyncProgress): string | null {
  switch (p.kind) {
    case 'resume':
      return `续传 ${p.caseNumber} 卷宗 ${p.dossierId}：服务器已有 ${mb(p.offset)}/${mb(p.bytesTotal)} MB`;
    case 'uploaded':
      return `已同步 ${p.caseNumber} 卷宗 ${p.dossierId} 第 ${p.version.versionNo} 版（${p.version.pageCount} 页${p.version.replayed ? '，服务器已有' : ''}）`;
    case 'paused':
      return `已暂停 ${p.dossierId}`;
    case 'assignments':
      return `收到案件分配 ${p.received} 条${p.conflicts ? `，冲突 ${p.conflicts} 处（以服务器为准，已记录）` : ''}`;
    default:
      return null;
  }
}

/** The closing summary of `courtdesk sync` for people (use the report itself for --json). */
export function describeSyncReport(r: SyncReport): string[] {
  const lines = [
    `服务器 ${r.server}，工作站 ${r.workstationId}`,
    `上传卷宗版本 ${r.uploaded.length} 个，其他变更 ${r.events} 条，待同步 ${r.pending} 条`,
  ];
  if (r.assignments) {
    const a = r.assignments;
    lines.push(`案件分配：新增 ${a.created}，更新 ${a.updated}，撤回 ${a.revoked}`);
    for (const c of a.conflicts) lines.push(`  冲突 ${c.caseNumber} ${c.field}：本机 ${JSON.stringify(c.local)} → 服务器 ${JSON.stringify(c.server)}`);
  }
  if (r.error) lines.push(`同步中断：${r.error.message}（${r.error.remedy}）`);
  return lines;
}
