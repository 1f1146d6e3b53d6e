import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CourtError } from '../../core/contract/index.js';
import { parseCaseNumber } from '../../core/cases/caseNumber.js';
import { authorize } from '../auth/requestAuth.js';
import type { ServerContext } from '../context.js';
import { parseRange, rangeStillValid } from '../http/range.js';
import type { VersionRow } from '../ingest/ingestVersion.js';

const ListQuery = z.object({ case: z.string().max(64).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });
const VersionRef = z.object({ dossierId: z.string().max(64), versionNo: z.coerce.number().int().min(1) });


/** The API the court's case-management system (and judges' readers) use to get dossiers out. */
export function registerDossierRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const versionRow = async (dossierId: string, versionNo: number): Promise<VersionRow> => {
    const row = (
      await ctx.pool.query<VersionRow>(
        `SELECT v.id, v.dossier_id, c.number AS case_number, v.sha256, v.version_no, v.byte_length, v.page_count, v.workstation_id, v.ingested_at
           FROM dossier_versions v JOIN dossiers d ON d.id = v.dossier_id JOIN cases c ON c.id = d.case_id
          WHERE v.dossier_id = $1 AND v.version_no = $2`,
        [dossierId, versionNo],
      )
    ).rows[0];
    if (!row) throw new CourtError('SYNC_DOSSIER_NOT_FOUND', { details: { dossierId, versionNo } });
    return row;
  };

  app.get('/api/dossiers', async (request) => {
    await authorize(ctx, request, 'readDossiers');
    const q = ListQuery.parse(request.query);
    const number = q.case ? parseCaseNumber(q.case).canonical : null;
    const { rows } = await ctx.pool.query<VersionRow>(
      `SELECT v.id, v.dossier_id, c.number AS case_number, v.sha256, v.version_no, v.byte_length, v.page_count, v.workstation_id, v.ingested_at
         FROM dossiers d JOIN cases c ON c.id = d.case_id JOIN dossier_versions v ON v.dossier_id = d.id
        WHERE d.id IN (SELECT d2.id FROM dossiers d2 JOIN cases c2 ON c2.id = d2.case_id WHERE $1::text IS NULL OR c2.number = $1 ORDER BY d2.created_at DESC LIMIT $2)
        ORDER BY d.created_at DESC, v.version_no`,
      [number, q.limit],
    );
    const byDossier = new Map<string, { dossierId: string; caseNumber: string; versions: unknown[] }>();
    for (const r of rows) {
      const entry = byDossier.get(r.dossier_id) ?? { dossierId: r.dossier_id, caseNumber: r.case_number, versions: [] };
      entry.versions.push({
        versionId: r.id,
        dossierId: r.dossier_id,
        caseNumber: r.case_number,
        sha256: r.sha256,
        versionNo: r.version_no,
        byteLength: r.byte_length,
        pageCount: r.page_count,
        workstationId: r.workstation_id,
        ingestedAt: r.ingested_at.toISOString(),
      });
      byDossier.set(r.dossier_id, entry);
    }
    return { dossiers: [...byDossier.values()] };
  });

  /** The bytes, whole or one `Range` of them (a reader resuming a large dossier over a poor link). */
  app.get('/api/dossiers/:dossierId/versions/:versionNo/content', async (request, reply) => {
    await authorize(ctx, request, 'readDossiers');
    const { dossierId, versionNo } = VersionRef.parse(request.params);
    const row = await versionRow(dossierId, versionNo);
    const size = row.byte_length;
    const etag = `"${row.sha256}"`;
    reply
      .type('application/pdf')
      .header('Accept-Ranges', 'bytes')
      .header('ETag', etag)
      // Of the whole representation, also on a partial answer (RFC 9530).
      .header('Repr-Digest', `sha-256=:${Buffer.from(row.sha256, 'hex').toString('base64')}:`)
      .header('Content-Disposition', `attachment; filename="${dossierId}-v${versionNo}.pdf"`);
    const header = request.headers.range;
    const range = rangeStillValid(request.headers['if-range'], etag) ? parseRange(header, size) : null;
    if (range === 'unsatisfiable') {
      return reply.code(416).header('Content-Range', `bytes */${size}`).header('Content-Length', '0').send();
    }
    if (!range) return reply.header('Content-Length', String(size)).send(await ctx.blobs.openRead(row.sha256));
    return reply
      .code(206)
      .header('Content-Range', `bytes ${range.start}-${range.end}/${size}`)
      .header('Content-Length', String(range.end - range.start + 1))
      .send(await ctx.blobs.openRead(row.sha256, range));
  });

  /** Re-hashes the stored bytes. Seal and ledger-inclusion checks join here once the PDF and ledger verifiers are wired in. */
  app.post('/api/dossiers/:dossierId/versions/:versionNo/verify', async (request) => {
    await authorize(ctx, request, 'readDossiers');
    const { dossierId, versionNo } = VersionRef.parse(request.params);
    const row = await versionRow(dossierId, versionNo);
    const hash = createHash('sha256');
    await pipeline(await ctx.blobs.openRead(row.sha256), hash);
    const actual = hash.digest('hex');
    return { dossierId, versionNo, sha256: row.sha256, actual, ok: actual === row.sha256, checks: ['sha256'] };
  });
}
