import { describe, expect, it } from 'vitest';
import { channels, CourtError, type Envelope } from '../../core/contract/index.js';
import { createCourtApi } from '../../renderer/api/courtApi.js';
import { fakeHost } from './support/fakeHost.js';

describe('courtApi', () => {
  it('offers exactly the contract’s channels as nested methods', () => {
    const api = createCourtApi(fakeHost(() => ({ ok: true, value: null })).transport) as unknown as Record<string, Record<string, unknown>>;
    const offered = Object.entries(api).flatMap(([service, methods]) => Object.keys(methods).map((m) => `${service}.${m}`));
    expect(offered.sort()).toEqual([...channels].sort());
  });

  it('unwraps a successful envelope and sends the channel with its input', async () => {
    const host = fakeHost(() => ({ ok: true, value: { version: '0.1.0', host: 'web' } }));
    const api = createCourtApi(host.transport);
    expect(await api.app.info({})).toEqual({ version: '0.1.0', host: 'web' });
    await api.cases.list({ query: '张三', limit: 10 });
    expect(host.calls).toEqual([
      { channel: 'app.info', input: {} },
      { channel: 'cases.list', input: { query: '张三', limit: 10 } },
    ]);
  });

  it('rethrows a failed envelope as the typed CourtError with its Chinese message and remedy', async () => {
    const refusal = new CourtError('INVALID_CASE_NUMBER', { message: '案号格式无效：应为“（年份）法院代字类型代字序号号”（输入：2024民初1）', details: { input: '2024民初1' } });
    const api = createCourtApi(fakeHost(() => ({ ok: false, error: refusal.toData() })).transport);
    const thrown = await api.cases.create({ number: '2024民初1' }).catch((err: unknown) => err);
    expect(thrown).toBeInstanceOf(CourtError);
    expect(thrown).toMatchObject({
      code: 'INVALID_CASE_NUMBER',
      message: refusal.message,
      messageEn: 'Invalid case number',
      remedy: '案号应形如（2024）苏0508民初1234号：年份、法院代字、类型代字、序号',
      details: { input: '2024民初1' },
    });
  });

  it('turns an error code this build does not know into INTERNAL rather than trusting it', async () => {
    const unknown = { ok: false, error: { code: 'FROM_A_NEWER_SERVER', message: '新错误', messageEn: 'new', remedy: '升级' } } as unknown as Envelope<never>;
    const thrown = await createCourtApi(fakeHost(() => unknown).transport).auth.whoami({}).catch((err: unknown) => err);
    expect(thrown).toMatchObject({ code: 'INTERNAL', message: '新错误' });
  });
});
