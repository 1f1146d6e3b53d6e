import { CheckCircleFilled, EditFilled } from '@ant-design/icons';
import { Tag } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { pagesOf, type Draft, type DraftDocument } from './draft.js';

/** 卷内材料 in catalogue order, each with its pages; the colour says how sure the machine was, the mark what a person did. */
export function DocumentList({
  draft,
  selected,
  categoryName,
  onSelect,
}: {
  draft: Draft;
  selected: number | null;
  categoryName: (id: string | null) => string;
  onSelect: (position: number) => void;
}) {
  const { t } = useTranslation();
  const current = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    current.current?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);

  const range = (d: DraftDocument) =>
    d.from === d.to ? t('catalogue.pageOne', { n: d.from }) : t('catalogue.pageRange', { from: d.from, to: d.to });
  return (
    <ol className="catdesk-list" aria-label={t('catalogue.documents')}>
      {draft.documents.map((d, i) => {
        const pages = pagesOf(draft, d);
        const holdsSelected = selected !== null && pages.includes(selected);
        return (
          <li
            key={d.key}
            data-testid="catdesk-document"
            data-level={d.level}
            data-state={d.state}
            className={`catdesk-doc catdesk-level-${d.level}${holdsSelected ? ' catdesk-doc-current' : ''}`}
            aria-current={holdsSelected ? 'true' : undefined}
          >
            <div className="catdesk-doc-head" onClick={() => onSelect(pages[0])}>
              <span className="catdesk-doc-number">{i + 1}</span>
              <span className="catdesk-doc-title">{d.title || categoryName(d.category)}</span>
              {d.state === 'accepted' || d.state === 'confirmed' ? (
                <CheckCircleFilled className="catdesk-doc-mark" aria-label={t(`catalogue.state.${d.state}`)} />
              ) : d.state === 'changed' ? (
                <EditFilled className="catdesk-doc-mark" aria-label={t('catalogue.state.changed')} />
              ) : null}
            </div>
            <div className="catdesk-doc-meta">
              <Tag className="catdesk-doc-category">{categoryName(d.category)}</Tag>
              <span>{range(d)}</span>
              {d.state === 'proposed' && <span className="catdesk-doc-level">{t(`catalogue.level.${d.level}`)}</span>}
              {d.state === 'proposed' && d.confidence !== null && <span>{t('catalogue.confidence', { value: Math.round(d.confidence * 100) })}</span>}
            </div>
            <div className="catdesk-doc-pages">
              {pages.map((p) => (
                <button
                  key={p}
                  type="button"
                  tabIndex={-1}
                  data-testid="catdesk-page"
                  aria-pressed={p === selected}
                  ref={p === selected ? current : undefined}
                  className={p === selected ? 'catdesk-page catdesk-page-selected' : 'catdesk-page'}
                  onClick={() => onSelect(p)}
                >
                  {p}
                </button>
              ))}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
