import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PasswordSchema, UsernameSchema } from '../../core/contract/schemas/auth.js';
import { parseVerifierKey } from '../../core/ledger/keys/noteKeys.js';
import { WORKSTATION_ID } from '../../core/sync/protocol.js';
import { createUser } from '../auth/accounts.js';
import { serverRoles } from '../auth/capabilities.js';
import { authorize } from '../auth/requestAuth.js';
import { audit } from '../audit.js';
import type { ServerContext } from '../context.js';

const AddUser = z.object({
  username: UsernameSchema,
  displayName: z.string().trim().min(1).max(64),
  roles: z.array(z.enum(serverRoles)).min(1),
  password: PasswordSchema,
});
const WorkstationBody = z.object({ name: z.string().trim().max(100).default(''), enabled: z.boolean(), ledgerKey: z.string().max(300).optional() });
const AuditQuery = z.object({ outcome: z.enum(['ok', 'denied', 'alarm', 'error']).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) });

export function registerAdminRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/api/admin/users', async (request) => {
    const principal = await authorize(ctx, request, 'admin');
    const account = await createUser(ctx.pool, AddUser.parse(request.body), principal.username);
    return { user: account };
  });

  /** Pre-enrols or enables/disables a workstation (needed when the server runs without --auto-enroll). */
  app.put('/api/admin/workstations/:id', async (request) => {
    const principal = await authorize(ctx, request, 'admin');
    const id = z.string().regex(WORKSTATION_ID).parse((request.params as { id: string }).id);
    const body = WorkstationBody.parse(request.body);
    if (body.ledgerKey) parseVerifierKey(body.ledgerKey);
    await ctx.pool.query(
      `INSERT INTO workstations (id, name, enabled, ledger_key) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, enabled = EXCLUDED.enabled, ledger_key = coalesce(EXCLUDED.ledger_key, workstations.ledger_key)`,
      [id, body.name, body.enabled, body.ledgerKey ?? null],
    );
    await audit(ctx.pool, { actor: principal.username, workstationId: id, action: 'workstation.set', subject: `workstation:${id}`, outcome: 'ok', detail: body });
    return { workstationId: id, enabled: body.enabled };
  });

  app.get('/api/admin/workstations', async (request) => {
    await authorize(ctx, request, 'admin');
    const { rows } = await ctx.pool.query(
      'SELECT id, name, enabled, checkpoint_origin, checkpoint_size, checkpoint_at, last_seen_at FROM workstations ORDER BY id',
    );
    return { workstations: rows };
  });

  app.get('/api/admin/audit', async (request) => {
    await authorize(ctx, request, 'admin');
    const q = AuditQuery.parse(request.query);
    const { rows } = await ctx.pool.query(
      'SELECT id, at, actor, workstation_id, action, subject, outcome, detail FROM audit WHERE $1::text IS NULL OR outcome = $1 ORDER BY id DESC LIMIT $2',
      [q.outcome ?? null, q.limit],
    );
    return { entries: rows };
  });
}
