import { Alert, Empty, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Party, SyncConflict } from '../../../core/contract/index.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { formatCreatedAt, formatParties } from '../cases/formatCase.js';
import { ErrorAlert } from '../errors/ErrorAlert.js';

/** 分案冲突: the rule first, so the table reads as its consequences. */
export function ConflictList({ conflicts, error }: { conflicts: SyncConflict[]; error: unknown }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const parties = (list: Party[]) => formatParties(list, (role) => t(`partyRoles.${role}`), t('cases.partySeparator')) || t('sync.conflicts.none');
  const value = (c: SyncConflict, side: 'local' | 'server') => (c.field === 'title' ? c[side] || t('sync.conflicts.none') : parties(c[side]));
  const columns: TableColumnsType<SyncConflict> = [
    { key: 'case', title: t('sync.conflicts.case'), dataIndex: 'caseNumber', width: 200 },
    { key: 'field', title: t('sync.conflicts.field'), width: 110, render: (_, c) => t(`sync.conflicts.fields.${c.field}`) },
    { key: 'local', title: t('sync.conflicts.local'), render: (_, c) => <Typography.Text delete>{value(c, 'local')}</Typography.Text> },
    { key: 'server', title: t('sync.conflicts.server'), render: (_, c) => value(c, 'server') },
    { key: 'rule', title: t('sync.conflicts.ruleColumn'), width: 130, render: (_, c) => <Tag color="blue">{t(`sync.conflicts.rules.${c.rule}`)}</Tag> },
    { key: 'at', title: t('sync.conflicts.detectedAt'), width: 170, render: (_, c) => formatCreatedAt(c.detectedAt, language) },
  ];
  return (
    <Flex vertical gap="middle" data-testid="sync-conflicts">
      <Alert type="info" showIcon title={t('sync.conflicts.ruleTitle')} description={t('sync.conflicts.rule')} data-testid="sync-conflict-rule" />
      {error !== null && <ErrorAlert error={error} />}
      {conflicts.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sync.conflicts.empty')} />
      ) : (
        <Table<SyncConflict>
          size="small"
          rowKey={(c) => `${c.caseNumber}|${c.field}|${c.detectedAt}`}
          columns={columns}
          dataSource={conflicts}
          pagination={conflicts.length > 20 ? { pageSize: 20 } : false}
        />
      )}
    </Flex>
  );
}
