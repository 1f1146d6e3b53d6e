import { FolderOpenOutlined } from '@ant-design/icons';
import { Button, Empty, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../../core/contract/index.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { formatCreatedAt, formatParties } from './formatCase.js';

export function CaseTable({ cases, loading, query, onOpenDossier }: { cases: Case[]; loading: boolean; query: string; onOpenDossier?: (number: string) => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const columns: ColumnsType<Case> = [
    {
      key: 'number',
      title: t('cases.columns.number'),
      dataIndex: 'number',
      width: 240,
      render: (number: string) => <Typography.Text strong>{number}</Typography.Text>,
    },
    { key: 'title', title: t('cases.columns.title'), dataIndex: 'title', ellipsis: true },
    {
      key: 'parties',
      title: t('cases.columns.parties'),
      render: (_, c) => formatParties(c.parties, (role) => t(`partyRoles.${role}`), t('cases.partySeparator')),
    },
    { key: 'createdBy', title: t('cases.columns.createdBy'), dataIndex: 'createdBy', width: 120 },
    {
      key: 'createdAt',
      title: t('cases.columns.createdAt'),
      dataIndex: 'createdAt',
      width: 200,
      render: (iso: string) => formatCreatedAt(iso, language),
    },
    ...(onOpenDossier
      ? [
          {
            key: 'actions',
            title: t('cases.columns.actions'),
            width: 120,
            render: (_: unknown, c: Case) => (
              <Button type="link" size="small" icon={<FolderOpenOutlined />} onClick={() => onOpenDossier(c.number)}>
                {t('cases.openDossier')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  const emptyText = query.trim() ? t('cases.noMatch', { query: query.trim() }) : t('cases.empty');
  return (
    <Table<Case>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={cases}
      loading={loading}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (count) => t('cases.total', { count }) }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
    />
  );
}
