import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PageEditResult, ReceiptTicket, ScanPage } from '../../../core/contract/index.js';
import { EditBar } from '../../../renderer/features/scanning/EditBar.js';
import { ThumbnailGrid, type GridEdits } from '../../../renderer/features/scanning/ThumbnailGrid.js';
import { usePageEdits } from '../../../renderer/features/scanning/usePageEdits.js';
import { useReceipt } from '../../../renderer/features/scanning/useReceipt.js';
import { useScanSession } from '../../../renderer/features/scanning/useScanSession.js';
import { fakeHost } from '../support/fakeHost.js';
import { componentTestOptions, renderWithCourt } from '../support/renderWithCourt.js';

const CASE = '（2024）苏0508民初1234号';
const SETTINGS = { source: 'adf', mode: 'gray', resolution: 150, orientation: false } as const;
const thumb = (pageId: number, turned = 0) => `data:image/png;base64,${btoa(`page-${pageId}-${turned}`)}`;

const page = (pageId: number, position: number): ScanPage => ({
  pageId,
  position,
  batchId: 7,
  batchSeq: position,
  width: 1240,
  height: 1754,
  dpi: 150,
  blank: false,
  skew: 0,
  rotated: 0,
  thumbnail: thumb(pageId),
});

/** Stands in for the store: keeps an order and answers each edit as the core does. */
function storeHost() {
  let order = [101, 102, 103, 104];
  let removed: number | null = null;
  const result = (changed: ScanPage | null, removalId: number | null = null): PageEditResult => ({
    order: order.map((pageId, i) => ({ pageId, position: i + 1 })),
    page: changed,
    removalId,
  });
  const at = (pageId: number) => order.indexOf(pageId) + 1;
  return fakeHost((channel, raw) => {
    const input = raw as { pageId: number; to: number; degrees: number; removalId: number; number: string };
    switch (channel) {
      case 'scanning.pages':
        return { ok: true, value: order.map((id, i) => page(id, i + 1)) };
      case 'scanning.batches':
        return { ok: true, value: [] };
      case 'scanning.movePage':
        order = order.filter((id) => id !== input.pageId);
        order.splice(input.to - 1, 0, input.pageId);
        return { ok: true, value: result(null) };
      case 'scanning.rotatePage':
        return { ok: true, value: result({ ...page(input.pageId, at(input.pageId)), rotated: input.degrees, width: 1760, height: 1240, thumbnail: thumb(input.pageId, input.degrees) }) };
      case 'scanning.removePage':
        removed = input.pageId;
        order = order.filter((id) => id !== input.pageId);
        return { ok: true, value: result(null, 31) };
      case 'scanning.restorePage':
        order.splice(2, 0, removed!);
        return { ok: true, value: result(page(removed!, 3)) };
      case 'scanning.rescanPage':
        return { ok: true, value: result({ ...page(input.pageId, at(input.pageId)), thumbnail: thumb(input.pageId, 1) }) };
      case 'scanning.receipt': {
        const ticket: ReceiptTicket = { downloadId: 'r'.repeat(43), fileName: '收件回执.pdf', expiresAt: new Date().toISOString(), number: 'SJ20240506-000001', pages: 4, issuedAt: new Date().toISOString() };
        return { ok: true, value: ticket };
      }
      default:
        return { ok: true, value: null };
    }
  });
}

/** The page list of the 扫描 page as ScanningPage wires it, with a scanner chosen or not. */
function Pages({ scanner }: { scanner: boolean }) {
  const session = useScanSession(CASE);
  const edits = usePageEdits(CASE, session.applyEdit);
  const receipt = useReceipt(CASE);
  const grid: GridEdits = {
    busyPageId: edits.busyPageId,
    rotate: edits.rotate,
    move: edits.move,
    remove: edits.remove,
    undo: edits.undo,
    rescan: scanner ? (p) => edits.rescan(p, 'test:0', SETTINGS) : undefined,
    insertAfter: scanner ? (p) => void session.start('test:0', SETTINGS, p.position) : undefined,
  };
  return (
    <>
      <button onClick={receipt.print}>打印收件回执</button>
      <EditBar removed={edits.removed} error={edits.error ?? receipt.error} issued={receipt.issued} onUndo={edits.undo} />
      <ThumbnailGrid pages={session.pages} caseChosen edits={grid} />
    </>
  );
}

/** The pages in the order shown, by which page each image is. */
const shownOrder = () => screen.getAllByRole('option').map((tile) => Number(atob(tile.querySelector('img')!.getAttribute('src')!.split(',')[1]).split('-')[1]));
const tile = (n: number) => screen.getByRole('option', { name: `第 ${n} 页` });

async function open(scanner = false) {
  const host = storeHost();
  renderWithCourt(<Pages scanner={scanner} />, host.transport);
  await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(4));
  return host;
}

const links: string[] = [];
const realClick = HTMLAnchorElement.prototype.click;
beforeEach(() => {
  links.length = 0;
  // jsdom cannot download; the test records where the browser would have been sent.
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    links.push(this.getAttribute('href') ?? '');
  };
});
afterEach(() => {
  HTMLAnchorElement.prototype.click = realClick;
  cleanup();
});

describe('editing pages on the 扫描 page', componentTestOptions, () => {
  it('moves the selected page with Alt+→ and Alt+←, keeping it selected and focused', async () => {
    const host = await open();
    fireEvent.click(tile(2));
    fireEvent.keyDown(tile(2), { key: 'ArrowRight', altKey: true });
    await waitFor(() => expect(shownOrder()).toEqual([101, 103, 102, 104]));
    expect(host.calls.filter((c) => c.channel === 'scanning.movePage').map((c) => c.input)).toEqual([{ case: CASE, pageId: 102, to: 3 }]);
    expect(tile(3).getAttribute('aria-selected')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(tile(3)));

    fireEvent.keyDown(tile(3), { key: 'ArrowLeft', altKey: true });
    await waitFor(() => expect(shownOrder()).toEqual([101, 102, 103, 104]));
    // Plain arrows only move the selection.
    fireEvent.keyDown(tile(2), { key: 'ArrowRight' });
    expect(document.activeElement).toBe(tile(3));
    expect(host.calls.filter((c) => c.channel === 'scanning.movePage')).toHaveLength(2);
  });

  it('moves a page dragged onto another', async () => {
    const host = await open();
    const dataTransfer = { setData: () => undefined, effectAllowed: 'all' };
    fireEvent.dragStart(tile(1), { dataTransfer });
    fireEvent.dragOver(tile(3), { dataTransfer, clientX: 500 });
    fireEvent.drop(tile(3), { dataTransfer, clientX: 500 });
    await waitFor(() => expect(shownOrder()).toEqual([102, 103, 101, 104]));
    expect(host.calls.find((c) => c.channel === 'scanning.movePage')?.input).toEqual({ case: CASE, pageId: 101, to: 3 });
  });

  it('rotates with R and Shift+R, and from the page’s own button', async () => {
    const host = await open();
    fireEvent.click(tile(2));
    fireEvent.keyDown(tile(2), { key: 'r' });
    await waitFor(() => expect(tile(2).querySelector('img')!.getAttribute('src')).toBe(thumb(102, 90)));
    fireEvent.keyDown(tile(2), { key: 'R', shiftKey: true });
    await waitFor(() => expect(host.calls.filter((c) => c.channel === 'scanning.rotatePage')).toHaveLength(2));
    fireEvent.click(within(tile(4)).getByRole('button', { name: '顺时针旋转 90°（R）' }));
    await waitFor(() => expect(host.calls.filter((c) => c.channel === 'scanning.rotatePage')).toHaveLength(3));
    expect(host.calls.filter((c) => c.channel === 'scanning.rotatePage').map((c) => c.input)).toEqual([
      { case: CASE, pageId: 102, degrees: 90 },
      { case: CASE, pageId: 102, degrees: 270 },
      { case: CASE, pageId: 104, degrees: 90 },
    ]);
  });

  it('removes with Delete and brings the page back with 撤销', async () => {
    const host = await open();
    fireEvent.click(tile(3));
    fireEvent.keyDown(tile(3), { key: 'Delete' });
    await waitFor(() => expect(shownOrder()).toEqual([101, 102, 104]));
    expect(host.calls.find((c) => c.channel === 'scanning.removePage')?.input).toEqual({ case: CASE, pageId: 103 });
    expect(screen.getByText('已删除第 3 页')).toBeTruthy();
    // The next page is selected, so Delete could go on.
    expect(tile(3).getAttribute('aria-selected')).toBe('true');

    fireEvent.click(screen.getByRole('button', { name: '撤销（Ctrl+Z）' }));
    await waitFor(() => expect(shownOrder()).toEqual([101, 102, 103, 104]));
    expect(host.calls.find((c) => c.channel === 'scanning.restorePage')?.input).toEqual({ case: CASE, removalId: 31 });
    expect(screen.queryByText('已删除第 3 页')).toBeNull();

    fireEvent.click(tile(1));
    fireEvent.keyDown(tile(1), { key: 'Delete' });
    await waitFor(() => expect(shownOrder()).toEqual([102, 103, 104]));
    fireEvent.keyDown(tile(1), { key: 'z', ctrlKey: true });
    await waitFor(() => expect(host.calls.filter((c) => c.channel === 'scanning.restorePage')).toHaveLength(2));
  });

  it('offers rescan and insert only with a scanner, and sends them with its settings', async () => {
    await open(false);
    expect((within(tile(2)).getByRole('button', { name: /重扫此页.*请先选择扫描仪/ }) as HTMLButtonElement).disabled).toBe(true);
    cleanup();

    const host = await open(true);
    fireEvent.click(within(tile(2)).getByRole('button', { name: '重扫此页：用所选扫描仪扫描一张替换此页' }));
    await waitFor(() => expect(tile(2).querySelector('img')!.getAttribute('src')).toBe(thumb(102, 1)));
    expect(host.calls.find((c) => c.channel === 'scanning.rescanPage')?.input).toEqual({
      case: CASE,
      pageId: 102,
      device: 'test:0',
      settings: { source: 'adf', mode: 'gray', resolution: 150 },
      orientation: false,
    });
    fireEvent.click(within(tile(2)).getByRole('button', { name: '在此页后插入：用所选扫描仪扫描，页面放在此页之后' }));
    await waitFor(() => expect(host.calls.some((c) => c.channel === 'scanning.insertScan')).toBe(true));
    expect(host.calls.find((c) => c.channel === 'scanning.insertScan')?.input).toMatchObject({ case: CASE, device: 'test:0', after: 2 });
  });

  it('shows pages an inserting scan delivers in their place, the later ones renumbered', async () => {
    const host = await open();
    act(() => host.emit('scan.page', { batchId: 9, case: CASE, done: 1, page: { ...page(201, 2), batchId: 9, batchSeq: 1 } }));
    expect(shownOrder()).toEqual([101, 201, 102, 103, 104]);
    expect(screen.getAllByRole('option').map((t) => t.getAttribute('aria-label'))).toEqual(['第 1 页', '第 2 页', '第 3 页', '第 4 页', '第 5 页']);
  });

  it('prints the 收件回执 and says its number', async () => {
    const host = await open();
    fireEvent.click(screen.getByRole('button', { name: '打印收件回执' }));
    expect(await screen.findByText(/收件回执 SJ20240506-000001 已生成（共 4 页材料）/)).toBeTruthy();
    expect(host.calls.find((c) => c.channel === 'scanning.receipt')?.input).toEqual({ number: CASE });
    expect(links).toEqual([`/download/${'r'.repeat(43)}`]);
  });
});
