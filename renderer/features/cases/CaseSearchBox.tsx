import { SearchOutlined } from '@ant-design/icons';
import { Input, Tooltip, type InputRef } from 'antd';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';

export function CaseSearchBox({ value, onChange, inputRef }: { value: string; onChange: (value: string) => void; inputRef: Ref<InputRef> }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('cases.searchHint')} placement="bottom">
      <Input
        ref={inputRef}
        type="search"
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('cases.searchPlaceholder')}
        aria-label={t('cases.searchPlaceholder')}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="case-search"
      />
    </Tooltip>
  );
}
