import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { CourtError, type ScanBatch, type ScanPage } from '../../../core/contract/index.js';
import { BatchList } from '../../../renderer/features/scanning/BatchList.js';
import { ScanStatus } from '../../../renderer/features/scanning/ScanStatus.js';
import { ThumbnailGrid } from '../../../renderer/features/scanning/ThumbnailGrid.js';
import { useScanSession } from '../../../renderer/features/scanning/useScanSession.js';
import { fakeHost } from '../support/fakeHost.js';
import { componentTestOptions, renderWithCourt } from '../support/renderWithCourt.js';

afterEach(cleanup);

const CASE = '（2024）苏0508民初1234号';
const PIXEL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==';

const page = (position: number, blank = false): ScanPage => ({
  pageId: 100 + position,
  position,
  batchId: 7,
  batchSeq: position,
  width: 1240,
  height: 1754,
  dpi: 150,
  blank,
  skew: position === 2 ? 1.26 : 0,
  rotated: 0,
  thumbnail: PIXEL,
});

const batch = (id: number, status: ScanBatch['status'], pages: number): ScanBatch => ({
  id,
  case: CASE,
  kind: 'scan',
  device: 'test:0',
  settings: { source: 'adf', mode: 'gray', resolution: 150 },
  status,
  startedAt: '2024-05-06T07:08:09.000Z',
  endedAt: null,
  error: null,
  pages,
});

/** The scan page's live part, as ScanningPage wires it. */
function Desk() {
  const s = useScanSession(CASE);
  return (
    <>
      <button onClick={() => void s.start('test:0', { source: 'adf', mode: 'gray', resolution: 150, orientation: true })}>go</button>
      <ScanStatus current={s.current} arrivals={s.arrivals} casePages={s.pages.length} busy={s.busy} onCancel={() => void s.cancel()} onResume={(id) => void s.resume(id)} />
      <ThumbnailGrid pages={s.pages} caseChosen />
      <BatchList batches={s.batches} busy={s.busy} scanning={s.current?.status === 'running'} onResume={(id) => void s.resume(id)} />
    </>
  );
}

function deskHost(batches: ScanBatch[]) {
  return fakeHost((channel) => {
    if (channel === 'scanning.pages') return { ok: true, value: [] };
    if (channel === 'scanning.batches') return { ok: true, value: batches };
    if (channel === 'scanning.start' || channel === 'scanning.continue') return { ok: true, value: { batchId: 7 } };
    return { ok: true, value: null };
  });
}

describe('the scanning desk', componentTestOptions, () => {
  it('shows pages as they arrive, flags a blank page, and reports the finished batch', async () => {
    const host = deskHost([]);
    renderWithCourt(<Desk />, host.transport);
    fireEvent.click(screen.getByText('go'));
    await screen.findByText('正在扫描');
    expect(host.calls.find((c) => c.channel === 'scanning.start')?.input).toEqual({
      case: CASE,
      device: 'test:0',
      settings: { source: 'adf', mode: 'gray', resolution: 150 },
      orientation: true,
    });
    act(() => {
      host.emit('scan.page', { batchId: 7, case: CASE, done: 1, page: page(1) });
      host.emit('scan.page', { batchId: 7, case: CASE, done: 2, page: page(2) });
      host.emit('scan.page', { batchId: 7, case: CASE, done: 3, page: page(3, true) });
      // Another workstation's case does not show up here.
      host.emit('scan.page', { batchId: 9, case: '（2024）苏0508民初1号', done: 1, page: { ...page(1), pageId: 999 } });
    });
    expect(screen.getAllByTestId('scan-thumbnail')).toHaveLength(3);
    expect(screen.getByText('第 3 页')).toBeTruthy();
    expect(screen.getAllByText('待确认空白页')).toHaveLength(1);
    expect(screen.getByText('纠偏 1.3°')).toBeTruthy();
    expect(screen.getByRole('button', { name: /取消扫描/ })).toBeTruthy();

    act(() => host.emit('scan.state', { batchId: 7, case: CASE, status: 'completed', pages: 3, error: null }));
    expect(await screen.findByText('扫描完成')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /取消扫描/ })).toBeNull();
  });

  it('shows a jam with its remedy, keeps the pages, and 继续扫描 continues the same batch', async () => {
    const host = deskHost([batch(7, 'failed', 4), batch(5, 'interrupted', 2), batch(3, 'completed', 10)]);
    renderWithCourt(<Desk />, host.transport);
    act(() =>
      host.emit('scan.state', { batchId: 7, case: CASE, status: 'failed', pages: 4, error: new CourtError('SCANNER_JAMMED', { details: { during: 'read' } }).toData() }),
    );
    expect(await screen.findByText('卡纸')).toBeTruthy();
    expect(screen.getByText('处理办法：卡纸：请打开进纸器取出纸张后点击继续')).toBeTruthy();
    expect(screen.getByText(/本批已扫描的 4 页均已保存/)).toBeTruthy();

    // One 继续扫描 beside the error, and one per batch that stopped early (failed, interrupted) in the list.
    // findAllByRole settles on the first match; the batch list arrives on its own round trip.
    await waitFor(() => expect(screen.getAllByRole('button', { name: /继续扫描/ })).toHaveLength(3));
    fireEvent.click(screen.getAllByRole('button', { name: /继续扫描/ })[0]);
    await screen.findByText('正在扫描');
    expect(host.calls.filter((c) => c.channel === 'scanning.continue').map((c) => c.input)).toEqual([{ batchId: 7 }]);
  });

  it('offers 继续扫描 for an interrupted batch from the list', async () => {
    const host = deskHost([batch(5, 'interrupted', 2)]);
    renderWithCourt(<Desk />, host.transport);
    expect(await screen.findByText('已中断')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /继续扫描/ }));
    await screen.findByText('正在扫描');
    expect(host.calls.find((c) => c.channel === 'scanning.continue')?.input).toEqual({ batchId: 5 });
  });
});
