import { describe, expect, it } from 'vitest';
import { openCourtCore, type CourtCore } from '../../../core/app/courtCore.js';
import { CourtError, type Envelope } from '../../../core/contract/index.js';
import type { CallContext } from '../../../core/rpc/callContext.js';
import { useTempDirs } from '../../helpers/tempDir.js';

const tempDir = useTempDirs();

async function coreWithAdmin(): Promise<{ core: CourtCore; password: string }> {
  const core = openCourtCore({ dataDir: tempDir(), host: 'web', version: 'test' });
  const password = (await core.ensureInitialAdmin())!;
  return { core, password };
}

function errorCode(envelope: Envelope<unknown>): string | undefined {
  return envelope.ok ? undefined : envelope.error.code;
}

describe('the contract dispatcher over a real store', () => {
  it('creates the first administrator once, with a password shown only then', async () => {
    const { core, password } = await coreWithAdmin();
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(await core.ensureInitialAdmin()).toBeNull();
    core.close();
  });

  it('requires sign-in, and signs in only with the right password', async () => {
    const { core, password } = await coreWithAdmin();
    const ctx: CallContext = { session: null };
    expect(errorCode(await core.dispatch(ctx, 'cases.list', {}))).toBe('NOT_AUTHENTICATED');
    expect(errorCode(await core.dispatch(ctx, 'auth.login', { username: 'admin', password: 'wrong-password' }))).toBe('BAD_CREDENTIALS');
    expect(errorCode(await core.dispatch(ctx, 'auth.login', { username: 'nobody', password: 'whatever1' }))).toBe('BAD_CREDENTIALS');
    const login = await core.dispatch(ctx, 'auth.login', { username: 'admin', password });
    expect(login).toMatchObject({ ok: true, value: { username: 'admin', roles: ['admin'] } });
    expect(await core.dispatch(ctx, 'cases.list', {})).toEqual({ ok: true, value: [] });
    await core.dispatch(ctx, 'auth.logout', {});
    expect(errorCode(await core.dispatch(ctx, 'cases.list', {}))).toBe('NOT_AUTHENTICATED');
    core.close();
  });

  it('checks the caller’s role on every method', async () => {
    const { core, password } = await coreWithAdmin();
    const admin: CallContext = { session: null };
    await core.dispatch(admin, 'auth.login', { username: 'admin', password });
    const added = await core.dispatch(admin, 'users.add', { username: 'archivist1', displayName: '档案员', roles: ['archivist'], password: 'archive-pass-1' });
    expect(added.ok).toBe(true);
    const archivist: CallContext = { session: null };
    await core.dispatch(archivist, 'auth.login', { username: 'archivist1', password: 'archive-pass-1' });
    expect(errorCode(await core.dispatch(archivist, 'cases.create', { number: '（2024）苏0508民初9号' }))).toBe('FORBIDDEN');
    expect(errorCode(await core.dispatch(archivist, 'users.list', {}))).toBe('FORBIDDEN');
    expect((await core.dispatch(archivist, 'cases.list', {})).ok).toBe(true);
    core.close();
  });

  it('validates input, refuses unknown channels and never returns fields beyond the schema', async () => {
    const { core, password } = await coreWithAdmin();
    const ctx: CallContext = { session: null };
    await core.dispatch(ctx, 'auth.login', { username: 'admin', password });
    const bad = await core.dispatch(ctx, 'cases.create', { number: 42 });
    expect(errorCode(bad)).toBe('INVALID_INPUT');
    expect(errorCode(await core.dispatch(ctx, 'cases.create', { number: '2024民初1' }))).toBe('INVALID_CASE_NUMBER');
    expect(errorCode(await core.dispatch(ctx, 'cases.__proto__', {}))).toBe('UNKNOWN_CHANNEL');
    expect(errorCode(await core.dispatch(ctx, 'constructor.name', {}))).toBe('UNKNOWN_CHANNEL');
    const users = await core.dispatch(ctx, 'users.list', {});
    expect(JSON.stringify(users)).not.toContain('scrypt');
    core.close();
  });

  it('rebuilds errors as typed CourtErrors on the far side', async () => {
    const { core } = await coreWithAdmin();
    const envelope = await core.dispatch({ session: null }, 'cases.list', {});
    if (envelope.ok) throw new Error('expected an error');
    const rebuilt = CourtError.fromData(JSON.parse(JSON.stringify(envelope.error)));
    expect(rebuilt).toBeInstanceOf(CourtError);
    expect(rebuilt.code).toBe('NOT_AUTHENTICATED');
    expect(rebuilt.message).toBe('尚未登录或登录已过期');
    core.close();
  });
});
