import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseCaseNumber } from '../../core/cases/caseNumber.js';
import { PushAssignmentsSchema, type AssignmentItem } from '../../core/sync/protocol.js';
import { audit } from '../audit.js';
import { authorize } from '../auth/requestAuth.js';
import type { ServerContext } from '../context.js';
import { inTransaction } from '../db/pool.js';

/** One writer at a time, so assignment_seq order is commit order and a reader's `since` never skips a change. */
const ASSIGNMENT_LOCK = 7_460_002;

const PullQuery = z.object({ since: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1000).default(500) });

export function registerAssignmentRoutes(app: FastifyInstance, ctx: ServerContext): void {
  /** The case-management system pushes cases with parties, judges and who works on them. */
  app.put('/api/assignments', async (request) => {
    const principal = await authorize(ctx, request, 'pushAssignments');
    const { cases } = PushAssignmentsSchema.parse(request.body);
    const normalised = cases.map((c) => ({ ...c, number: parseCaseNumber(c.number).canonical }));
    const seq = await inTransaction(ctx.pool, async (db) => {
      await db.query('SELECT pg_advisory_xact_lock($1)', [ASSIGNMENT_LOCK]);
      let last = 0;
      for (const c of normalised) {
        const caseId = (
          await db.query<{ id: number }>(
            `INSERT INTO cases (number, title, created_by) VALUES ($1, $2, $3)
             ON CONFLICT (number) DO UPDATE SET title = EXCLUDED.title, updated_at = now() RETURNING id`,
            [c.number, c.title, `user:${principal.username}`],
          )
        ).rows[0].id;
        await db.query('DELETE FROM parties WHERE case_id = $1', [caseId]);
        for (const [i, p] of c.parties.entries()) await db.query('INSERT INTO parties (case_id, position, role, name) VALUES ($1, $2, $3, $4)', [caseId, i + 1, p.role, p.name]);
        await db.query('DELETE FROM case_judges WHERE case_id = $1', [caseId]);
        for (const [i, j] of c.judges.entries()) await db.query('INSERT INTO case_judges (case_id, position, role, name) VALUES ($1, $2, $3, $4)', [caseId, i + 1, j.role, j.name]);
        last = (await db.query<{ seq: number }>("SELECT nextval('assignment_seq') AS seq")).rows[0].seq;
        for (const a of c.assignees) {
          await db.query(
            `INSERT INTO case_assignments (case_id, assignee_kind, assignee, revoked, seq) VALUES ($1, $2, $3, false, $4)
             ON CONFLICT (case_id, assignee_kind, assignee) DO UPDATE SET revoked = false, seq = EXCLUDED.seq`,
            [caseId, a.kind, a.id, last],
          );
        }
        // Whoever is no longer named gets a tombstone, so their workstation learns of the reassignment.
        await db.query(
          `UPDATE case_assignments SET revoked = true, seq = $2
            WHERE case_id = $1 AND NOT revoked AND NOT (assignee_kind || ':' || assignee = ANY ($3::text[]))`,
          [caseId, last, c.assignees.map((a) => `${a.kind}:${a.id}`)],
        );
      }
      await audit(db, { actor: principal.username, action: 'assignments.push', subject: 'assignments', outcome: 'ok', detail: { cases: normalised.map((c) => c.number), seq: last } });
      return last;
    });
    return { cases: normalised.length, seq };
  });

  /** Changes since a cursor for the signed-in user and this workstation; a case is active if any of its assignments to them is. */
  app.get('/api/assignments', async (request) => {
    const principal = await authorize(ctx, request, 'pullAssignments');
    const { since, limit } = PullQuery.parse(request.query);
    const { rows } = await ctx.pool.query<{ seq: number; revoked: boolean; number: string; title: string; parties: unknown; judges: unknown }>(
      `SELECT max(a.seq) AS seq, bool_and(a.revoked) AS revoked, c.number, c.title,
              coalesce((SELECT json_agg(json_build_object('role', p.role, 'name', p.name) ORDER BY p.position) FROM parties p WHERE p.case_id = c.id), '[]') AS parties,
              coalesce((SELECT json_agg(json_build_object('role', j.role, 'name', j.name) ORDER BY j.position) FROM case_judges j WHERE j.case_id = c.id), '[]') AS judges
         FROM case_assignments a JOIN cases c ON c.id = a.case_id
        WHERE (a.assignee_kind = 'user' AND lower(a.assignee) = lower($1)) OR (a.assignee_kind = 'workstation' AND a.assignee = $2)
        GROUP BY c.id
       HAVING max(a.seq) > $3
        ORDER BY max(a.seq) LIMIT $4`,
      [principal.username, principal.workstationId, since, limit],
    );
    const items: AssignmentItem[] = rows.map((r) => ({
      seq: r.seq,
      revoked: r.revoked,
      case: { number: r.number, title: r.title, parties: r.parties as AssignmentItem['case']['parties'], judges: r.judges as AssignmentItem['case']['judges'] },
    }));
    return { items, next: items.at(-1)?.seq ?? since, more: items.length === limit };
  });
}
