import './resizeObserverShim.js';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { CourtError, type DossierLedger, type DossierOutline, type Envelope, type Session } from '../../../core/contract/index.js';
import { DossierPage } from '../../../renderer/features/dossier/DossierPage.js';
import { fakeHost } from '../support/fakeHost.js';
import { componentTestOptions, renderWithCourt } from '../support/renderWithCourt.js';

afterEach(cleanup);

const CASE = '（2024）苏0506民初88号';
const PIXEL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==';
const session = (roles: Session['roles']): Session => ({ userId: 2, username: 'u', displayName: '用户', roles });
const hash = (n: number) => String(n).repeat(64).slice(0, 64);
const page = (pageId: number, position: number) => ({ pageId, position, sha256: hash(position), mediaType: 'image/jpeg', width: 1240, height: 1754, dpi: 150 });

const caseRow = { id: 1, number: CASE, year: 2024, courtCode: '苏0506', typeCode: '民初', sequence: 88, title: '民间借贷纠纷', parties: [{ role: '原告' as const, name: '张三' }], createdAt: '2024-05-06T07:08:09.000Z', createdBy: 'clerk1' };

const outline = (pages: boolean): DossierOutline => ({
  case: caseRow,
  pages: pages ? 3 : 0,
  documents: pages
    ? [
        { title: '起诉状', category: '起诉状', firstPage: 1, lastPage: 1, pages: [page(11, 1)] },
        { title: '判决书', category: '判决书', firstPage: 2, lastPage: 3, pages: [page(12, 2), page(13, 3)] },
      ]
    : [],
});

const ledger: DossierLedger = {
  treeSize: 4,
  pagesLogged: 3,
  pagesTotal: 3,
  entries: [
    { type: 'checkpoint', at: '2024-05-06T07:08:11.000Z', id: 1, size: 4, rootHash: 'ab'.repeat(32), keyName: 'courtdesk-1a2b3c4d' },
    { type: 'export', at: '2024-05-06T07:08:10.900Z', leafIndex: 3, pages: 3 },
  ],
};

function host(withPages: boolean) {
  return fakeHost((channel, input): Envelope<unknown> => {
    switch (channel) {
      case 'cases.list':
        return { ok: true, value: [caseRow] };
      case 'dossier.outline':
        return { ok: true, value: outline(withPages) };
      case 'dossier.ledger':
        return { ok: true, value: withPages ? ledger : { ...ledger, pagesLogged: 0, pagesTotal: 0, entries: [] } };
      case 'dossier.thumbnails':
        return { ok: true, value: (input as { pageIds: number[] }).pageIds.map((pageId) => ({ pageId, thumbnail: PIXEL })) };
      case 'jobs.list':
        return { ok: true, value: [] };
      case 'dossier.verify':
        return { ok: true, value: { status: 'altered', position: 3, document: '判决书', sha256: hash(3), checkedAt: '2024-05-06T07:09:00.000Z' } };
      case 'dossier.export':
        return { ok: false, error: new CourtError('EXPORT_UNAVAILABLE').toData() };
      default:
        return { ok: false, error: new CourtError('UNKNOWN_CHANNEL').toData() };
    }
  });
}

describe('the 卷宗 page', componentTestOptions, () => {
  it('asks for a case first', async () => {
    renderWithCourt(<DossierPage session={session(['clerk'])} initialCase={null} />, host(true).transport);
    expect(await screen.findByText(/请选择案件/)).toBeTruthy();
  });

  it('shows the catalogue with page ranges, the chosen document’s pages, and the ledger history', async () => {
    const h = host(true);
    renderWithCourt(<DossierPage session={session(['clerk'])} initialCase={CASE} />, h.transport);
    const docs = await screen.findAllByTestId('catalogue-document');
    expect(docs.map((d) => d.textContent)).toEqual(['1起诉状第 1 页', '2判决书第 2–3 页']);
    expect(screen.getAllByTestId('dossier-page')).toHaveLength(1);
    fireEvent.click(screen.getByText('判决书'));
    expect(await screen.findByText('第 3 页')).toBeTruthy();
    expect(screen.getAllByTestId('dossier-page')).toHaveLength(2);
    expect(screen.getByText('2 份材料，共 3 页')).toBeTruthy();
    const table = screen.getByRole('table', { name: '防篡改日志' });
    expect(within(table).getByText('签名检查点')).toBeTruthy();
    expect(within(table).getByText('courtdesk-1a2b3c4d')).toBeTruthy();
    expect(within(table).getByText('abababababababab')).toBeTruthy();
    expect(within(table).getByText('电子卷宗 3 页，第 3 条记录')).toBeTruthy();
    expect(screen.getByTestId('ledger-coverage').textContent).toBe('本案 3/3 页已登记；工作站日志共 4 条记录。');
  });

  it('outlines the page 校验 found altered, and Ctrl+E starts the export (errors shown with their remedy)', async () => {
    const h = host(true);
    renderWithCourt(<DossierPage session={session(['judge'])} initialCase={CASE} />, h.transport);
    fireEvent.click(await screen.findByText('判决书'));
    fireEvent.click(screen.getByRole('button', { name: /校\s*验/ }));
    expect(await screen.findByText('已被篡改：页面内容被改动')).toBeTruthy();
    const tiles = screen.getAllByTestId('dossier-page');
    expect(tiles.map((t) => t.className.includes('dossier-tile-problem'))).toEqual([false, true]);

    await act(async () => {
      fireEvent.keyDown(window, { key: 'e', ctrlKey: true });
    });
    expect(h.calls.filter((c) => c.channel === 'dossier.export').map((c) => c.input)).toEqual([{ number: CASE }]);
    expect(await screen.findByText('此工作站服务未启用电子卷宗导出')).toBeTruthy();
  });

  it('says where pages come from when the case has none', async () => {
    renderWithCourt(<DossierPage session={session(['clerk'])} initialCase={CASE} />, host(false).transport);
    expect(await screen.findByText('案件尚无页面：请先在“扫描”中扫描或导入材料')).toBeTruthy();
    expect(screen.getByRole('button', { name: /生成电子卷宗/ }).hasAttribute('disabled')).toBe(true);
  });

  it('shows a scanning clerk the catalogue and ledger but neither export nor 校验, and lists no jobs', async () => {
    const h = host(true);
    renderWithCourt(<DossierPage session={session(['scanner'])} initialCase={CASE} />, h.transport);
    expect(await screen.findAllByTestId('catalogue-document')).toHaveLength(2);
    expect(screen.queryByTestId('export-panel')).toBeNull();
    expect(screen.queryByTestId('verify-panel')).toBeNull();
    expect(h.calls.some((c) => c.channel === 'jobs.list')).toBe(false);
  });
});
