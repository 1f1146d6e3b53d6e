import '../dossier/resizeObserverShim.js';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CourtError,
  type AcceptanceReportView,
  type CatalogueCategories,
  type CatalogueDocument,
  type CatalogueFields,
  type CatalogueProposal,
  type Envelope,
  type SaveCatalogueInput,
  type Session,
} from '../../../core/contract/index.js';
import { CataloguePage } from '../../../renderer/features/catalogue/CataloguePage.js';
import { fakeHost } from '../support/fakeHost.js';
import { componentTestOptions, renderWithCourt } from '../support/renderWithCourt.js';

afterEach(cleanup);

const CASE = '（2024）苏0506民初88号';
const PIXEL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==';
const session = (roles: Session['roles']): Session => ({ userId: 2, username: 'u', displayName: '用户', roles });
const OTHER = '（2024）苏0506民初99号';
const caseRow = { id: 1, number: CASE, year: 2024, courtCode: '苏0506', typeCode: '民初', sequence: 88, title: '民间借贷纠纷', parties: [], createdAt: '2024-05-06T07:08:09.000Z', createdBy: 'clerk1' };
const noFields: CatalogueFields = { caseNumbers: [], parties: [], dates: [], amounts: [], courts: [] };

const categories: CatalogueCategories = {
  standard: { id: 'civil-first-instance', name: '民事一审诉讼卷宗' },
  categories: [
    { id: 'cover', name: '卷宗封面', order: 1, aliases: [] },
    { id: 'complaint', name: '起诉状', order: 4, aliases: ['民事起诉状'] },
    { id: 'evidence', name: '证据材料', order: 10, aliases: [] },
    { id: 'investigation', name: '询问、调查笔录', order: 11, aliases: ['调查笔录'] },
    { id: 'judgment', name: '判决书', order: 22, aliases: [] },
    { id: 'service-receipt', name: '送达回证', order: 24, aliases: [] },
  ],
};

/** As the desk proposes them, in catalogue order: a sure complaint, a doubtful exhibit, a sure judgment, and a page the machine could not place. */
const proposed: CatalogueDocument[] = [
  {
    category: 'complaint',
    title: '民事起诉状',
    pages: [1, 2],
    confidence: 0.99,
    fields: { ...noFields, caseNumbers: ['（2024）苏0506民初88号'], parties: [{ role: '原告', name: '张三' }, { role: '被告', name: '李四' }], amounts: [{ value: 50000, text: '伍万元整' }] },
  },
  { category: 'evidence', title: '借条', pages: [3, 3], confidence: 0.6, fields: noFields },
  { category: 'judgment', title: '民事判决书', pages: [5, 6], confidence: 0.95, fields: noFields },
  { category: null, title: '待审核材料', pages: [4, 4], confidence: 0.2, fields: noFields },
];
const pages = [1, 2, 3, 4, 5, 6].map((position) => ({ pageId: 100 + position, position, blank: false, ocr: 'done' as const, ocrConfidence: 0.91 }));
const proposal: CatalogueProposal = { case: caseRow, confirmed: null, documents: proposed, pages };

const report: AcceptanceReportView = {
  overall: { accepted: 27, pages: 29, rate: 0.931 },
  operators: [{ operator: 'clerk.han', accepted: 27, pages: 29, rate: 0.931 }],
  categories: [{ category: 'evidence', name: '证据材料', accepted: 3, pages: 5, rate: 0.6 }],
};

function host() {
  return fakeHost((channel, input): Envelope<unknown> => {
    switch (channel) {
      case 'cases.list':
        return { ok: true, value: [caseRow, { ...caseRow, id: 2, number: OTHER, sequence: 99 }] };
      case 'catalogue.propose':
        return { ok: true, value: proposal };
      case 'catalogue.categories':
        return { ok: true, value: categories };
      case 'catalogue.page': {
        const { pageId } = input as { pageId: number };
        return { ok: true, value: { pageId, image: PIXEL, text: `第${pageId - 100}页的识别文字`, ocr: 'done' } };
      }
      case 'catalogue.save':
        return { ok: true, value: { documentIds: [1, 2, 3, 4], corrections: 1, partiesAdded: [{ role: '原告', name: '马某某' }] } };
      case 'catalogue.acceptance':
        return { ok: true, value: report };
      default:
        return { ok: false, error: new CourtError('UNKNOWN_CHANNEL').toData() };
    }
  });
}

const press = async (key: string, init: { ctrlKey?: boolean } = {}) => {
  await act(async () => {
    fireEvent.keyDown(window, { key, ...init });
  });
};
const documents = () => screen.getAllByTestId('catdesk-document');
const titles = () => documents().map((d) => d.querySelector('.catdesk-doc-title')!.textContent);
const currentDocument = () => documents().find((d) => d.getAttribute('aria-current') === 'true')!;
const selectedPage = () => screen.getAllByTestId('catdesk-page').find((p) => p.getAttribute('aria-pressed') === 'true')!.textContent;

async function openDesk(roles: Session['roles'] = ['scanner']) {
  const h = host();
  renderWithCourt(<CataloguePage session={session(roles)} initialCase={CASE} />, h.transport);
  await waitFor(() => expect(screen.getAllByTestId('catdesk-document')).toHaveLength(4));
  await screen.findByText('第1页的识别文字');
  return h;
}

describe('the 编目 verification desk', componentTestOptions, () => {
  it('lists the documents in catalogue order coloured by confidence, with the first page large beside its text and the fields found', async () => {
    await openDesk();
    expect(titles()).toEqual(['民事起诉状', '借条', '民事判决书', '待审核材料']);
    expect(documents().map((d) => d.dataset.level)).toEqual(['high', 'medium', 'high', 'review']);
    expect(within(documents()[3]).getByText('需人工判断')).toBeTruthy();
    expect(screen.getByAltText('第 1 页').getAttribute('src')).toBe(PIXEL);
    const fields = screen.getByTestId('catdesk-fields');
    expect(within(fields).getByText('原告：张三')).toBeTruthy();
    expect(within(fields).getByText('被告：李四')).toBeTruthy();
    expect(within(fields).getByText('（2024）苏0506民初88号')).toBeTruthy();
    expect(within(fields).getByText(/¥50,000\.00（伍万元整）/)).toBeTruthy();
    // The keys are on screen.
    expect(screen.getByLabelText('快捷键').textContent).toContain('从本页起拆为新材料');
  });

  it('moves with J/K and the arrows, accepts with Enter and goes on to the next document, and N finds the next uncertain one', async () => {
    await openDesk();
    await press('j');
    expect(selectedPage()).toBe('2');
    await press('ArrowUp');
    expect(selectedPage()).toBe('1');
    await press('Enter');
    expect(documents()[0].dataset.state).toBe('accepted');
    expect(selectedPage()).toBe('3');
    expect(await screen.findByText('第3页的识别文字')).toBeTruthy();
    await press('ArrowRight');
    expect(selectedPage()).toBe('5');
    // From the judgment, N wraps past the sure documents to the undecided page, then to the doubtful exhibit.
    await press('n');
    expect(selectedPage()).toBe('4');
    await press('n');
    expect(selectedPage()).toBe('3');
    await press('Enter');
    await press('n');
    expect(selectedPage()).toBe('4');
    expect(screen.getByTestId('catdesk-progress').textContent).toBe('已核对 2/4 份材料');
  });

  it('changes the category with C through a type-to-filter list, and the document takes its place in the catalogue', async () => {
    await openDesk();
    await press('k'); // stays on the first page
    await press('ArrowRight');
    expect(currentDocument().textContent).toContain('借条');
    await press('c');
    const dialog = await screen.findByRole('dialog');
    const search = within(dialog).getByRole('combobox');
    fireEvent.change(search, { target: { value: '调查' } });
    expect(within(dialog).getAllByRole('option').map((o) => o.textContent)).toEqual(['11询问、调查笔录']);
    await act(async () => {
      fireEvent.keyDown(search, { key: 'Enter' });
    });
    expect(titles()).toEqual(['民事起诉状', '询问、调查笔录', '民事判决书', '待审核材料']);
    expect(currentDocument().dataset.state).toBe('changed');
    expect(selectedPage()).toBe('3');
    expect(screen.getByText('未保存')).toBeTruthy();
  });

  it('asks before another case replaces a verification that is not saved', async () => {
    const h = await openDesk();
    await press('j');
    await press('s');
    expect(screen.getByText('未保存')).toBeTruthy();
    fireEvent.mouseDown(screen.getAllByRole('combobox')[0]);
    fireEvent.click(await screen.findByTitle(new RegExp(OTHER.replace(/[（）]/g, '.'))));
    expect((await screen.findAllByText('放弃未保存的编目？')).length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('button', { name: '继续核对' }));
    await act(async () => undefined);
    expect(h.calls.filter((c) => c.channel === 'catalogue.propose').map((c) => c.input)).toEqual([{ number: CASE }]);
    expect(screen.getByText('未保存')).toBeTruthy();
  });

  it('splits a new document from the selected page with S and merges a document into the one before it with M', async () => {
    await openDesk();
    await press('ArrowRight');
    await press('ArrowRight');
    await press('j');
    expect(selectedPage()).toBe('6');
    await press('s');
    expect(titles()).toEqual(['民事起诉状', '借条', '民事判决书', '判决书', '待审核材料']);
    expect(documents().slice(2, 4).map((d) => d.dataset.level)).toEqual(['review', 'review']);
    expect(currentDocument().textContent).toContain('第 6 页');
    await press('s');
    expect(await screen.findByText('所选页已是材料的第一页，无需拆分')).toBeTruthy();

    // The exhibit on page 3 belongs to the complaint on pages 1–2.
    await press('ArrowLeft');
    await press('ArrowLeft');
    expect(selectedPage()).toBe('3');
    await press('m');
    expect(titles()).toEqual(['民事起诉状', '民事判决书', '判决书', '待审核材料']);
    expect(currentDocument().textContent).toContain('第 1–3 页');
    expect(selectedPage()).toBe('3');
    await press('ArrowUp');
    await press('ArrowUp');
    await press('m');
    expect(await screen.findByText('前面没有可合并的材料')).toBeTruthy();
  });

  it('saves with Ctrl+S only once every document has a category, sending the documents in page order', async () => {
    const h = await openDesk();
    await press('s', { ctrlKey: true });
    expect(await screen.findByText('还有 1 份材料未选择类别：请按 C 选择后再保存')).toBeTruthy();
    expect(h.calls.some((c) => c.channel === 'catalogue.save')).toBe(false);
    expect(selectedPage()).toBe('4');

    // Enter on an undecided document asks for its category.
    await press('Enter');
    const search = within(await screen.findByRole('dialog')).getByRole('combobox');
    fireEvent.change(search, { target: { value: '24' } });
    await act(async () => {
      fireEvent.keyDown(search, { key: 'Enter' });
    });
    await press('s', { ctrlKey: true });
    expect(await screen.findByText('编目已保存；1 处更正已用于训练编目模型')).toBeTruthy();
    expect(await screen.findByText('已将识别出的当事人加入案件：原告：马某某')).toBeTruthy();

    const saved = h.calls.filter((c) => c.channel === 'catalogue.save').map((c) => c.input as SaveCatalogueInput);
    expect(saved).toHaveLength(1);
    expect(saved[0].number).toBe(CASE);
    expect(saved[0].documents.map((d) => ({ category: d.category, title: d.title, pages: d.pages, confidence: d.confidence }))).toEqual([
      { category: 'complaint', title: '民事起诉状', pages: [1, 2], confidence: 0.99 },
      { category: 'evidence', title: '借条', pages: [3, 3], confidence: 0.6 },
      { category: 'service-receipt', title: '送达回证', pages: [4, 4], confidence: null },
      { category: 'judgment', title: '民事判决书', pages: [5, 6], confidence: 0.95 },
    ]);
    expect(saved[0].documents[0].fields).toEqual(proposed[0].fields);
    // The catalogue is read again after saving.
    await waitFor(() => expect(h.calls.filter((c) => c.channel === 'catalogue.propose')).toHaveLength(2));
  });

  it('leaves out the fields of a split document, for the desk to extract them again', async () => {
    const h = await openDesk();
    await press('j');
    await press('s');
    expect(titles()).toEqual(['民事起诉状', '起诉状', '借条', '民事判决书', '待审核材料']);
    expect(screen.getByText('拆分或合并后的材料，要素在保存编目时重新提取')).toBeTruthy();
    for (let i = 0; i < 3; i++) await press('ArrowRight');
    expect(selectedPage()).toBe('4');
    await press('c');
    const search = within(await screen.findByRole('dialog')).getByRole('combobox');
    fireEvent.change(search, { target: { value: '送达' } });
    await act(async () => {
      fireEvent.keyDown(search, { key: 'Enter' });
    });
    await press('s', { ctrlKey: true });
    await waitFor(() => expect(h.calls.some((c) => c.channel === 'catalogue.save')).toBe(true));
    const sent = (h.calls.find((c) => c.channel === 'catalogue.save')!.input as SaveCatalogueInput).documents;
    expect(sent.slice(0, 2)).toEqual([
      { category: 'complaint', title: '民事起诉状', pages: [1, 1], confidence: null },
      { category: 'complaint', title: '起诉状', pages: [2, 2], confidence: null },
    ]);
  });

  it('shows an administrator the acceptance share; a scanning clerk neither sees nor asks for it', async () => {
    const admin = await openDesk(['admin']);
    const panel = await screen.findByTestId('catdesk-acceptance');
    expect(panel.textContent).toContain('93.1%');
    expect(panel.textContent).toContain('27/29 页');
    expect(within(panel).getByText('clerk.han')).toBeTruthy();
    expect(within(panel).getByText('证据材料')).toBeTruthy();
    expect(admin.calls.some((c) => c.channel === 'catalogue.acceptance')).toBe(true);
    cleanup();

    const scanner = await openDesk(['scanner']);
    expect(screen.queryByTestId('catdesk-acceptance')).toBeNull();
    expect(scanner.calls.some((c) => c.channel === 'catalogue.acceptance')).toBe(false);
  });
});
