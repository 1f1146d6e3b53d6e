import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CourtError, type Envelope, type Job } from '../../../core/contract/index.js';
import { ExportPanel } from '../../../renderer/features/dossier/ExportPanel.js';
import { useDossierExport } from '../../../renderer/features/dossier/useDossierExport.js';
import { fakeHost } from '../support/fakeHost.js';
import { componentTestOptions, renderWithCourt } from '../support/renderWithCourt.js';

const CASE = '（2024）苏0506民初88号';
const FIRST_ID = 'A'.repeat(43);
const FRESH_ID = 'B'.repeat(43);

const job = (over: Partial<Job> = {}): Job => ({
  id: '6f1c1a52-7d5e-4a39-9c1e-0d7f3b2a1c01',
  kind: 'export',
  subject: CASE,
  state: 'running',
  done: 0,
  total: 3,
  message: '正在登记页面并签署检查点…',
  result: null,
  error: null,
  createdBy: 'clerk1',
  createdAt: '2024-05-06T07:08:09.000Z',
  startedAt: '2024-05-06T07:08:09.000Z',
  finishedAt: null,
  ...over,
});

const doneJob = ({ withId }: { withId: boolean }) =>
  job({
    state: 'done',
    done: 3,
    message: '已完成',
    finishedAt: '2024-05-06T07:08:11.000Z',
    result: {
      file: `/data/exports/${CASE}-20240506-150809.pdf`,
      fileName: `${CASE}-20240506-150809.pdf`,
      pages: 3,
      documents: 2,
      bytes: 156_738,
      sha256: 'ab'.repeat(32),
      ...(withId ? { downloadId: FIRST_ID, downloadExpiresAt: new Date(Date.now() + 600_000).toISOString() } : {}),
    },
  });

/** The export card as DossierPage wires it. */
function Panel() {
  const e = useDossierExport(CASE, true);
  return <ExportPanel job={e.job} busy={e.busy} error={e.error} unchanged={e.unchanged} hasPages onStart={() => void e.start()} onCancel={() => void e.cancel()} onDownload={() => void e.download()} />;
}

function host(jobs: Job[], exported: Job = job({ state: 'queued' })) {
  return fakeHost((channel): Envelope<unknown> => {
    if (channel === 'jobs.list') return { ok: true, value: jobs };
    if (channel === 'dossier.export') return { ok: true, value: exported };
    if (channel === 'jobs.cancel') return { ok: true, value: job() };
    if (channel === 'dossier.download') return { ok: true, value: { downloadId: FRESH_ID, fileName: 'x.pdf', expiresAt: new Date().toISOString() } };
    return { ok: false, error: new CourtError('UNKNOWN_CHANNEL').toData() };
  });
}

const links: string[] = [];
const realClick = HTMLAnchorElement.prototype.click;
beforeEach(() => {
  links.length = 0;
  // jsdom cannot download; the test records where the browser would have been sent.
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    links.push(`${this.getAttribute('href')}|${this.hasAttribute('download')}`);
  };
});
afterEach(() => {
  HTMLAnchorElement.prototype.click = realClick;
  cleanup();
});

const bar = () => within(screen.getByTestId('job-progress')).getByRole('progressbar');

describe('the e-dossier export card', componentTestOptions, () => {
  it('starts the export, follows job.progress to 100 %, and offers 下载 once done', async () => {
    const h = host([]);
    renderWithCourt(<Panel />, h.transport);
    expect(await screen.findByText(/尚未生成电子卷宗/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /生成电子卷宗/ }));
    expect(h.calls.find((c) => c.channel === 'dossier.export')?.input).toEqual({ number: CASE });

    act(() => h.emit('job.state', job()));
    expect(await screen.findByText('进行中')).toBeTruthy();
    act(() => h.emit('job.progress', { jobId: job().id, kind: 'export', done: 1, total: 3, message: '正在生成第 1/3 页' }));
    expect(bar().getAttribute('aria-valuenow')).toBe('33');
    expect(screen.getByText(/正在生成第 1\/3 页/)).toBeTruthy();
    // Progress of other jobs (OCR, another case) does not move this bar.
    act(() => h.emit('job.progress', { jobId: 'ocr-7', kind: 'ocr', done: 9, total: 9, message: '识别中' }));
    expect(bar().getAttribute('aria-valuenow')).toBe('33');
    act(() => h.emit('job.progress', { jobId: job().id, kind: 'export', done: 3, total: 3, message: '正在写入文件…' }));
    expect(bar().getAttribute('aria-valuenow')).toBe('100');
    expect(screen.queryByRole('button', { name: /下载/ })).toBeNull();

    // As every window hears it: without the download id, so 下载 asks for one.
    act(() => h.emit('job.state', doneJob({ withId: false })));
    expect(await screen.findByText('已完成')).toBeTruthy();
    expect(screen.getByTestId('export-result').textContent).toContain('2 份材料，3 页，0.15 MB');
    fireEvent.click(screen.getByRole('button', { name: /下载/ }));
    await act(async () => undefined);
    expect(links).toEqual([`/download/${FRESH_ID}|true`]);
    expect(h.calls.filter((c) => c.channel === 'dossier.download').map((c) => c.input)).toEqual([{ jobId: job().id }]);
  });

  it('downloads with the id of a listed export once, then asks for a fresh one', async () => {
    const h = host([doneJob({ withId: true })]);
    renderWithCourt(<Panel />, h.transport);
    fireEvent.click(await screen.findByRole('button', { name: /下载/ }));
    await act(async () => undefined);
    expect(h.calls.some((c) => c.channel === 'dossier.download')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: /下载/ }));
    await act(async () => undefined);
    expect(links).toEqual([`/download/${FIRST_ID}|true`, `/download/${FRESH_ID}|true`]);
  });

  it('says so when nothing changed since the last export, and offers that file', async () => {
    const done = doneJob({ withId: false });
    const h = host([done], done);
    renderWithCourt(<Panel />, h.transport);
    expect(await screen.findByTestId('export-result')).toBeTruthy();
    expect(screen.queryByTestId('export-unchanged')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /生成电子卷宗/ }));
    expect(await screen.findByText('卷宗内容自上次生成以来没有变化，已沿用上次生成的文件，可直接下载。')).toBeTruthy();
    expect(screen.getByRole('button', { name: /下载/ })).toBeTruthy();
  });

  it('cancels the running export', async () => {
    const h = host([job({ done: 2, message: '正在生成第 2/3 页' })]);
    renderWithCourt(<Panel />, h.transport);
    fireEvent.click(await screen.findByRole('button', { name: /取\s*消/ }));
    await act(async () => undefined);
    expect(h.calls.find((c) => c.channel === 'jobs.cancel')?.input).toEqual({ jobId: job().id });
    expect(screen.getByRole('button', { name: /生成电子卷宗/ }).hasAttribute('disabled')).toBe(true);
  });

  it('shows an interrupted export with why and what to do, and runs it again', async () => {
    const interrupted = job({ state: 'interrupted', done: 2, message: '任务已中断', error: new CourtError('JOB_INTERRUPTED').toData() });
    const h = host([interrupted]);
    renderWithCourt(<Panel />, h.transport);
    expect(await screen.findByText('已中断')).toBeTruthy();
    expect(screen.getByText('任务因程序退出或断电而中断')).toBeTruthy();
    expect(screen.getByText(/处理办法：请点击“重新执行”/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /重新执行/ }));
    await act(async () => undefined);
    expect(h.calls.filter((c) => c.channel === 'dossier.export')).toHaveLength(1);
  });

  it('shows a failed call with its message and remedy', async () => {
    const h = fakeHost((channel) =>
      channel === 'jobs.list' ? { ok: true, value: [] } : { ok: false, error: new CourtError('DOSSIER_FONT_MISSING').toData() },
    );
    renderWithCourt(<Panel />, h.transport);
    fireEvent.click(await screen.findByRole('button', { name: /生成电子卷宗/ }));
    expect(await screen.findByText('缺少中文字体，无法生成电子卷宗')).toBeTruthy();
    expect(screen.getByText(/fonts-noto-cjk/)).toBeTruthy();
  });
});
