import { ZodError } from 'zod';
import { CourtError, lookup, type Access, type ContractSpec, type Envelope, type Session } from '../contract/index.js';
import type { CallContext } from './callContext.js';

type AnyImpl = Record<string, Record<string, (input: unknown, ctx: CallContext) => unknown>>;

export type Dispatch = (ctx: CallContext, channel: string, input: unknown) => Promise<Envelope<unknown>>;

function assertAccess(access: Access, session: Session | null): void {
  if (access === 'public') return;
  if (!session) throw new CourtError('NOT_AUTHENTICATED');
  if (access === 'signed-in') return;
  if (!session.roles.some((r) => access.includes(r))) throw new CourtError('FORBIDDEN');
}

export function toErrorEnvelope(err: unknown): Envelope<never> {
  if (err instanceof CourtError) return { ok: false, error: err.toData() };
  if (err instanceof ZodError) {
    const issues = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return { ok: false, error: new CourtError('INVALID_INPUT', { details: { issues } }).toData() };
  }
  console.error('[courtdesk] unexpected error', err);
  return { ok: false, error: new CourtError('INTERNAL').toData() };
}

/**
 * The single entry every host routes calls through: allowlist lookup, role check,
 * input validation, and output validation (so nothing beyond the schema leaks out).
 */
export function createDispatcher(contract: ContractSpec, impl: unknown): Dispatch {
  const services = impl as AnyImpl;
  return async (ctx, channel, input) => {
    try {
      const spec = lookup(contract, channel);
      if (!spec) throw new CourtError('UNKNOWN_CHANNEL', { details: { channel } });
      assertAccess(spec.access, ctx.session);
      const [service, name] = [channel.slice(0, channel.indexOf('.')), channel.slice(channel.indexOf('.') + 1)];
      const parsed = spec.input.parse(input ?? {});
      const result = await services[service][name](parsed, ctx);
      return { ok: true, value: spec.output.parse(result) };
    } catch (err) {
      return toErrorEnvelope(err);
    }
  };
}
