import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCaseList } from '../cases/useCaseList.js';
import { useDebouncedValue } from '../cases/useDebouncedValue.js';

/** Finds the case to scan into by 案号 fragment or party, as the case list's search does. */
export function CasePicker({ value, onChange }: { value: string | null; onChange: (caseNumber: string) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const list = useCaseList(useDebouncedValue(query, 250));
  const options = list.cases.map((c) => ({ value: c.number, label: c.title ? `${c.number} · ${c.title}` : c.number }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: value });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQuery }}
      value={value ?? undefined}
      onChange={(v: string) => {
        onChange(v);
        setQuery('');
      }}
      options={options}
      loading={list.loading}
      placeholder={t('scanning.casePlaceholder')}
      aria-label={t('scanning.case')}
      notFoundContent={t('scanning.noCase')}
      className="scan-field"
    />
  );
}
