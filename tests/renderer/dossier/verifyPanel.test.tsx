import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CourtError, type StoreVerdictView } from '../../../core/contract/index.js';
import { VerifyPanel } from '../../../renderer/features/dossier/VerifyPanel.js';
import { fakeHost } from '../support/fakeHost.js';
import { componentTestOptions, renderWithCourt } from '../support/renderWithCourt.js';

afterEach(cleanup);

const AT = '2024-05-06T07:08:09.000Z';
const HASH = 'c0ffee'.padEnd(64, '0');

function show(verdict: StoreVerdictView | null, onVerify: () => void = () => undefined) {
  return renderWithCourt(<VerifyPanel verdict={verdict} busy={false} error={null} disabled={false} onVerify={onVerify} />, fakeHost(() => ({ ok: true, value: null })).transport);
}

describe('the 校验 panel', componentTestOptions, () => {
  it('says 完整 in green with what was checked', () => {
    let asked = 0;
    show({ status: 'intact', pages: 3, ledgerSize: 4, checkpoints: 1, checkedAt: AT }, () => {
      asked += 1;
    });
    const result = screen.getByTestId('verify-result');
    expect(result.className).toMatch(/ant-alert-success/);
    expect(result.textContent).toContain('完整');
    expect(result.textContent).toContain('共 3 页，逐页哈希与登记一致，防篡改日志（4 条记录、1 个签名检查点）核对无误。');
    fireEvent.click(screen.getByRole('button', { name: /校\s*验/ }));
    expect(asked).toBe(1);
  });

  it('names the altered page, its document and the hash it should have, in red, with what to do', () => {
    show({ status: 'altered', position: 2, document: '判决书', sha256: HASH, checkedAt: AT });
    const result = screen.getByTestId('verify-result');
    expect(result.className).toMatch(/ant-alert-error/);
    expect(result.textContent).toContain('已被篡改：页面内容被改动');
    expect(result.textContent).toContain('第 2 页（所属材料：判决书）的页面文件与登记时的哈希 c0ffee000000… 不一致。');
    expect(result.textContent).toContain('处理办法：请勿使用该页');
  });

  it('tells a missing page from an unlogged one', () => {
    show({ status: 'missing', position: 1, document: '起诉状', sha256: HASH, checkedAt: AT });
    expect(screen.getByTestId('verify-result').textContent).toContain('第 1 页（所属材料：起诉状）的页面文件不在数据目录中');
    cleanup();
    show({ status: 'unlogged', position: 3, document: '判决书', sha256: HASH, checkedAt: AT });
    const result = screen.getByTestId('verify-result');
    expect(result.className).toMatch(/ant-alert-warning/);
    expect(result.textContent).toContain('页面未登记');
    expect(result.textContent).toContain('生成一次电子卷宗即会补登记');
  });

  it('reports a ledger that does not match its checkpoints with the server’s message and remedy', () => {
    const error = new CourtError('LEDGER_TAMPERED', { message: '防篡改日志校验失败：第 1 条记录内容与哈希不符' }).toData();
    show({ status: 'ledger', error, checkedAt: AT });
    const result = screen.getByTestId('verify-result');
    expect(result.className).toMatch(/ant-alert-error/);
    expect(result.textContent).toContain('第 1 条记录内容与哈希不符');
    expect(result.textContent).toContain('处理办法：请立即停止使用该工作站并通知管理员');
  });
});
