import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Tooltip, Typography, type InputRef } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract, type Case, type Session } from '../../../core/contract/index.js';
import { useShortcuts } from '../../shell/shortcuts.js';
import { mayCall } from '../auth/access.js';
import { ErrorAlert } from '../errors/ErrorAlert.js';
import { CaseSearchBox } from './CaseSearchBox.js';
import { CaseTable } from './CaseTable.js';
import { NewCaseDialog } from './NewCaseDialog.js';
import { useCaseList } from './useCaseList.js';
import { useDebouncedValue } from './useDebouncedValue.js';

const SEARCH_DEBOUNCE_MS = 300;

/** The home page: every case the user can see, a search box, and 新建案件 for roles that may create. */
export function CaseListPage({ session, onOpenDossier }: { session: Session; onOpenDossier?: (number: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [query, setQuery] = useState('');
  const settledQuery = useDebouncedValue(query, SEARCH_DEBOUNCE_MS);
  const list = useCaseList(settledQuery);
  const [creating, setCreating] = useState(false);
  const searchRef = useRef<InputRef>(null);
  const mayCreate = mayCall(contract.cases.create.access, session.roles);

  useShortcuts([
    { key: 'f', mod: true, run: () => searchRef.current?.focus({ cursor: 'all' }) },
    { key: '/', run: () => searchRef.current?.focus({ cursor: 'all' }) },
    ...(mayCreate ? [{ key: 'n', mod: true, run: () => setCreating(true) }] : []),
  ]);

  const created = (c: Case) => {
    setCreating(false);
    void message.success(t('cases.created', { number: c.number }));
    list.reload();
  };

  return (
    <Flex vertical gap="middle">
      <Flex align="center" justify="space-between" gap="middle" wrap>
        <Typography.Title level={4} className="page-title">
          {t('cases.title')}
        </Typography.Title>
        <Flex gap="small" align="center">
          <CaseSearchBox value={query} onChange={setQuery} inputRef={searchRef} />
          {mayCreate && (
            <Tooltip title={t('cases.newHint')} placement="bottom">
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('cases.new')}
              </Button>
            </Tooltip>
          )}
        </Flex>
      </Flex>
      {list.error !== null && <ErrorAlert error={list.error} />}
      <CaseTable cases={list.cases} loading={list.loading} query={settledQuery} onOpenDossier={onOpenDossier} />
      <NewCaseDialog open={creating} onClose={() => setCreating(false)} onCreated={created} />
    </Flex>
  );
}
