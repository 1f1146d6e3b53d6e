import { Input, Modal, Typography } from 'antd';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueCategory } from '../../../core/contract/index.js';

/** By name, alias, id or the number of its place in the standard (4 → 起诉状). */
export function filterCategories(categories: readonly CatalogueCategory[], query: string): CatalogueCategory[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...categories];
  return categories.filter(
    (c) => String(c.order) === q || c.name.includes(q) || c.id.includes(q) || c.aliases.some((a) => a.includes(q)),
  );
}

/** Type to filter, ↑↓ to choose, Enter to take it, Esc to leave: the category without the mouse. */
export function CategoryPicker({
  open,
  categories,
  current,
  onPick,
  onClose,
}: {
  open: boolean;
  categories: readonly CatalogueCategory[];
  current: string | null;
  onPick: (id: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement | null>(null);
  const shown = filterCategories(categories, query);

  useEffect(() => {
    if (!open) return;
    setQuery('');
    setActive(Math.max(0, categories.findIndex((c) => c.id === current)));
  }, [open, categories, current]);
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView?.({ block: 'nearest' });
  }, [active, query]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (shown.length ? (Math.min(a, shown.length - 1) + step + shown.length) % shown.length : 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const chosen = shown[Math.min(active, shown.length - 1)];
      if (chosen) onPick(chosen.id);
    }
  };

  const activeIndex = Math.min(active, shown.length - 1);
  return (
    <Modal open={open} title={t('catalogue.picker.title')} footer={null} onCancel={onClose} destroyOnHidden width={420}>
      <Input
        autoFocus
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        placeholder={t('catalogue.picker.placeholder')}
        aria-label={t('catalogue.picker.placeholder')}
        role="combobox"
        aria-expanded
        aria-controls="catdesk-picker-list"
      />
      <ul className="catdesk-picker" id="catdesk-picker-list" role="listbox" ref={list} aria-label={t('catalogue.picker.title')}>
        {shown.map((c, i) => (
          <li key={c.id} role="option" aria-selected={i === activeIndex} className={i === activeIndex ? 'catdesk-option-active' : undefined} onClick={() => onPick(c.id)}>
            <span className="catdesk-option-order">{c.order}</span>
            {c.name}
          </li>
        ))}
      </ul>
      {shown.length === 0 && <Typography.Text type="secondary">{t('catalogue.picker.empty')}</Typography.Text>}
      <Typography.Text type="secondary" className="catdesk-picker-hint">
        {t('catalogue.picker.hint')}
      </Typography.Text>
    </Modal>
  );
}
