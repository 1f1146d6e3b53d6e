import { SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Spin, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract, type Session } from '../../../core/contract/index.js';
import { useShortcuts } from '../../shell/shortcuts.js';
import { mayCall } from '../auth/access.js';
import { ErrorAlert } from '../errors/ErrorAlert.js';
import { CasePicker } from '../scanning/CasePicker.js';
import { AcceptancePanel } from './AcceptancePanel.js';
import './catalogue.css';
import { CategoryPicker } from './CategoryPicker.js';
import { DocumentList } from './DocumentList.js';
import { accept, documentAt, draftFrom, isDecided, isUncertain, mergeWithPrevious, nextUncertain, readingOrder, setCategory, split, toSave, type Draft } from './draft.js';
import { FieldsPanel } from './FieldsPanel.js';
import { KeyLegend } from './KeyLegend.js';
import { PageImage } from './PageImage.js';
import { PageText } from './PageText.js';
import { useAcceptance } from './useAcceptance.js';
import { useCatalogue } from './useCatalogue.js';
import { forgetPageViews, usePageView } from './usePageView.js';

/** 编目: the machine's catalogue of a case checked page by page from the keyboard, saved as the case's 卷内目录. */
export function CataloguePage({ session, initialCase = null }: { session: Session; initialCase?: string | null }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [caseNumber, setCaseNumber] = useState<string | null>(initialCase);
  const loaded = useCatalogue(caseNumber);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [dirty, setDirty] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const [picking, setPicking] = useState(false);
  const [saves, setSaves] = useState(0);
  const supervisor = mayCall(contract.catalogue.acceptance.access, session.roles);
  const acceptance = useAcceptance(supervisor, saves);

  const categories = useMemo(() => loaded.categories?.categories ?? [], [loaded.categories]);
  const categoryName = (id: string | null) => (id === null ? t('catalogue.undecided') : (categories.find((c) => c.id === id)?.name ?? id));

  useEffect(() => {
    if (!loaded.proposal || !loaded.categories) {
      setDraft(null);
      return;
    }
    const fresh = draftFrom(loaded.proposal, loaded.categories.categories);
    setDraft(fresh);
    setDirty(false);
    setSelected(readingOrder(fresh)[0] ?? null);
  }, [loaded.proposal, loaded.categories]);

  const reading = draft ? readingOrder(draft) : [];
  const at = selected === null ? -1 : reading.indexOf(selected);
  const current = draft && selected !== null ? documentAt(draft, selected) : undefined;
  const pageOf = (position: number | undefined) => loaded.proposal?.pages.find((p) => p.position === position);
  const page = pageOf(selected ?? undefined);
  const view = usePageView(page?.pageId ?? null, pageOf(reading[at + 1])?.pageId ?? null);

  const edit = (next: Draft) => {
    setDraft(next);
    setDirty(true);
  };
  const movePage = (step: number) => {
    if (reading.length) setSelected(reading[Math.min(reading.length - 1, Math.max(0, at + step))]);
  };
  const moveDocument = (step: number) => {
    if (!draft || !current) return;
    const i = draft.documents.indexOf(current);
    const target = draft.documents[Math.min(draft.documents.length - 1, Math.max(0, i + step))];
    setSelected(target.from);
  };
  const acceptCurrent = () => {
    if (!draft || !current) return;
    if (current.category === null) {
      setPicking(true);
      return;
    }
    edit(accept(draft, current.key));
    const i = draft.documents.indexOf(current);
    const following = draft.documents[i + 1];
    if (following) setSelected(following.from);
  };
  const pick = (category: string) => {
    setPicking(false);
    if (draft && current) edit(setCategory(draft, categories, current.key, category));
  };
  const splitHere = () => {
    if (!draft || selected === null) return;
    const next = split(draft, categories, selected);
    if (next) edit(next);
    else void message.info(t('catalogue.notice.splitAtStart'));
  };
  const mergeBack = () => {
    if (!draft || !current) return;
    const next = mergeWithPrevious(draft, categories, current.key);
    if (next) edit(next);
    else void message.info(t('catalogue.notice.mergeFirst'));
  };
  const jumpToUncertain = () => {
    if (!draft) return;
    const next = nextUncertain(draft, current?.key);
    if (next) setSelected(next.from);
    else void message.info(t('catalogue.notice.noUncertain'));
  };
  const save = async () => {
    if (!draft || !loaded.proposal || loaded.saving) return;
    const undecided = draft.documents.filter((d) => d.category === null);
    if (undecided.length > 0) {
      setSelected(undecided[0].from);
      void message.warning(t('catalogue.notice.undecided', { count: undecided.length }));
      return;
    }
    const saved = await loaded.save({ documents: toSave(draft, categories) });
    if (saved === null) return;
    void message.success(t('catalogue.saved', { corrections: saved.corrections }));
    if (saved.partiesAdded.length > 0) {
      const names = saved.partiesAdded.map((p) => t('catalogue.fields.party', { role: t(`partyRoles.${p.role}`), name: p.name })).join('、');
      void message.info(t('catalogue.partiesAdded', { names }));
    }
    forgetPageViews();
    setSaves((n) => n + 1);
    loaded.reload();
  };

  const idle = (run: () => void) => () => {
    if (draft && !picking) run();
  };
  useShortcuts([
    { key: 'ArrowDown', run: idle(() => movePage(1)) },
    { key: 'j', run: idle(() => movePage(1)) },
    { key: 'ArrowUp', run: idle(() => movePage(-1)) },
    { key: 'k', run: idle(() => movePage(-1)) },
    { key: 'ArrowRight', run: idle(() => moveDocument(1)) },
    { key: 'ArrowLeft', run: idle(() => moveDocument(-1)) },
    { key: 'Enter', run: idle(acceptCurrent) },
    { key: 'c', run: idle(() => current && setPicking(true)) },
    { key: 's', run: idle(splitHere) },
    { key: 'm', run: idle(mergeBack) },
    { key: 'n', run: idle(jumpToUncertain) },
    { key: 's', mod: true, run: idle(() => void save()) },
  ]);

  const chooseCase = (number: string) => {
    const open = () => {
      setCaseNumber(number);
      // Out of the search field, so the verification keys work at once.
      if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    };
    if (!dirty || number === caseNumber) return open();
    // A morning's verification is not lost to a slip of the case picker.
    modal.confirm({ title: t('catalogue.leave.title'), content: t('catalogue.leave.content', { number: caseNumber }), okText: t('catalogue.leave.ok'), cancelText: t('catalogue.leave.cancel'), onOk: open });
  };

  const decided = draft?.documents.filter(isDecided).length ?? 0;
  const uncertain = draft?.documents.filter(isUncertain).length ?? 0;
  const confirmed = loaded.proposal?.confirmed;

  return (
    <Flex vertical gap="middle" className="catdesk-page-root">
      <Flex align="center" justify="space-between" gap="middle" wrap>
        <Typography.Title level={4} className="page-title">
          {t('catalogue.title')}
        </Typography.Title>
        <div className="catdesk-case-picker">
          <CasePicker value={caseNumber} onChange={chooseCase} />
        </div>
      </Flex>
      {loaded.error !== null && <ErrorAlert error={loaded.error} />}
      {!caseNumber ? (
        <>
          <Card>
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalogue.pickCase')} />
          </Card>
          {supervisor && (
            <Card size="small" title={t('catalogue.acceptance.title')} className="catdesk-acceptance-card">
              <AcceptancePanel report={acceptance.report} error={acceptance.error} />
            </Card>
          )}
        </>
      ) : !draft || !page ? (
        loaded.loading && (
          <div className="catdesk-loading">
            <Spin />
          </div>
        )
      ) : (
        <>
          <Card size="small">
            <Flex align="center" gap="middle" wrap className="catdesk-status">
              <Typography.Text strong>{loaded.categories?.standard.name}</Typography.Text>
              {confirmed ? (
                <Tag color="success" data-testid="catdesk-confirmed">
                  {t('catalogue.confirmed', { by: confirmed.by, at: new Date(confirmed.at).toLocaleString() })}
                </Tag>
              ) : (
                <Tag color="processing">{t('catalogue.machine')}</Tag>
              )}
              <span data-testid="catdesk-progress">{t('catalogue.progress', { done: decided, total: draft.documents.length })}</span>
              <span>{t('catalogue.uncertain', { count: uncertain })}</span>
              {dirty && <Tag color="warning">{t('catalogue.unsaved')}</Tag>}
              <Button type="primary" icon={<SaveOutlined />} loading={loaded.saving} onClick={() => void save()} className="catdesk-save">
                {t('catalogue.save')}
              </Button>
            </Flex>
            <KeyLegend />
            {loaded.saveError !== null && (
              <div className="catdesk-save-error">
                <ErrorAlert error={loaded.saveError} />
              </div>
            )}
          </Card>
          <Flex gap="middle" align="start" className="catdesk-layout">
            <Card size="small" title={t('catalogue.documents')} className="catdesk-documents">
              <DocumentList draft={draft} selected={selected} categoryName={categoryName} onSelect={setSelected} />
            </Card>
            <Card
              size="small"
              className="catdesk-main"
              title={current ? `${current.title || categoryName(current.category)} · ${categoryName(current.category)}` : null}
            >
              <PageImage page={page} view={view.view} error={view.error} />
            </Card>
            <Flex vertical gap="middle" className="catdesk-side">
              <Card size="small" title={t('catalogue.text')}>
                <PageText page={page} view={view.view} />
              </Card>
              <Card size="small" title={t('catalogue.fields.title')}>
                <FieldsPanel fields={current?.fields} />
              </Card>
            </Flex>
          </Flex>
          {supervisor && (
            <Card size="small" title={t('catalogue.acceptance.title')} className="catdesk-acceptance-card">
              <AcceptancePanel report={acceptance.report} error={acceptance.error} />
            </Card>
          )}
          <CategoryPicker open={picking} categories={categories} current={current?.category ?? null} onPick={pick} onClose={() => setPicking(false)} />
        </>
      )}
    </Flex>
  );
}
