import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CourtError, type Case } from '../../core/contract/index.js';
import { CaseForm } from '../../renderer/features/cases/CaseForm.js';
import { fakeHost } from './support/fakeHost.js';
import { componentTestOptions, renderWithCourt } from './support/renderWithCourt.js';

afterEach(cleanup);

const created: Case = {
  id: 1,
  number: '（2024）苏0508民初1234号',
  year: 2024,
  courtCode: '苏0508',
  typeCode: '民初',
  sequence: 1234,
  title: '',
  parties: [{ role: '原告', name: '张三' }],
  createdAt: '2024-05-06T07:08:09.000Z',
  createdBy: 'admin',
};

/** Answers cases.create the way the core does: a typed refusal for anything not shaped like a 案号. */
function caseHost() {
  return fakeHost((_channel, input) => {
    const { number } = input as { number: string };
    if (!number.includes('号')) {
      return { ok: false, error: new CourtError('INVALID_CASE_NUMBER', { message: `案号格式无效：应为“（年份）法院代字类型代字序号号”（输入：${number}）` }).toData() };
    }
    return { ok: true, value: created };
  });
}

function fillNumber(value: string) {
  fireEvent.change(screen.getByLabelText('案号'), { target: { value } });
}

describe('the new-case form', componentTestOptions, () => {
  it('shows the server’s reason and remedy under 案号 and creates nothing', async () => {
    const host = caseHost();
    const onCreated = vi.fn();
    renderWithCourt(<CaseForm onCreated={onCreated} onCancel={() => undefined} />, host.transport);
    fillNumber('2024民初1');
    fireEvent.change(screen.getByLabelText('姓名或名称 1'), { target: { value: '张三' } });
    fireEvent.click(screen.getByRole('button', { name: /创\s*建/ }));

    expect(await screen.findByText('案号格式无效：应为“（年份）法院代字类型代字序号号”（输入：2024民初1）')).toBeTruthy();
    expect(screen.getByText('案号应形如（2024）苏0508民初1234号：年份、法院代字、类型代字、序号')).toBeTruthy();
    expect(onCreated).not.toHaveBeenCalled();

    // Editing the 案号 takes the stale reason away.
    fillNumber('（2024）苏0508民初1234号');
    await waitFor(() => expect(screen.queryByText(/案号格式无效/)).toBeNull());
    expect(screen.getByText('半角或全角括号均可，保存时统一为全角')).toBeTruthy();
  });

  it('asks for the 案号 before calling the server at all', async () => {
    const host = caseHost();
    renderWithCourt(<CaseForm onCreated={() => undefined} onCancel={() => undefined} />, host.transport);
    fireEvent.click(screen.getByRole('button', { name: /创\s*建/ }));
    expect(await screen.findByText('请输入案号')).toBeTruthy();
    expect(host.calls).toEqual([]);
  });

  it('sends the parties and hands back the created case', async () => {
    const host = caseHost();
    const onCreated = vi.fn();
    renderWithCourt(<CaseForm onCreated={onCreated} onCancel={() => undefined} />, host.transport);
    fillNumber('(2024)苏0508民初1234号');
    fireEvent.change(screen.getByLabelText('案由/标题'), { target: { value: '  民间借贷纠纷 ' } });
    fireEvent.change(screen.getByLabelText('姓名或名称 1'), { target: { value: '张三' } });
    fireEvent.click(screen.getByRole('button', { name: /添加当事人/ }));
    fireEvent.change(await screen.findByLabelText('姓名或名称 2'), { target: { value: '李四' } });
    fireEvent.click(screen.getByRole('button', { name: /创\s*建/ }));

    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    expect(host.calls).toEqual([
      {
        channel: 'cases.create',
        input: {
          number: '(2024)苏0508民初1234号',
          title: '民间借贷纠纷',
          parties: [
            { role: '原告', name: '张三' },
            { role: '被告', name: '李四' },
          ],
        },
      },
    ]);
  });

  it('shows other failures, such as a lost connection, above the buttons', async () => {
    const host = fakeHost(() => ({ ok: false, error: new CourtError('DISCONNECTED').toData() }));
    renderWithCourt(<CaseForm onCreated={() => undefined} onCancel={() => undefined} />, host.transport);
    fillNumber('（2024）苏0508民初1234号');
    fireEvent.change(screen.getByLabelText('姓名或名称 1'), { target: { value: '张三' } });
    fireEvent.click(screen.getByRole('button', { name: /创\s*建/ }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('与工作站服务的连接已断开');
    expect(alert.textContent).toContain('处理办法：请确认服务仍在运行，然后刷新页面');
  });
});
