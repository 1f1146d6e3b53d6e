import { FileProtectOutlined, SafetyOutlined } from '@ant-design/icons';
import { Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { DossierLedger, LedgerEntry } from '../../../core/contract/index.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { formatCreatedAt } from '../cases/formatCase.js';
import { hashPrefix } from './formatHash.js';

const rowKey = (e: LedgerEntry) => (e.type === 'export' ? `e${e.leafIndex}` : `c${e.id}`);

/** 防篡改日志: the case's exports and the signed checkpoints that cover its entries, newest first. */
export function LedgerHistory({ ledger }: { ledger: DossierLedger }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const columns: ColumnsType<LedgerEntry> = [
    { key: 'at', title: t('dossier.ledger.at'), dataIndex: 'at', width: 190, render: (at: string) => formatCreatedAt(at, language) },
    {
      key: 'type',
      title: t('dossier.ledger.event'),
      width: 160,
      render: (_, e) =>
        e.type === 'export' ? (
          <Tag icon={<FileProtectOutlined />} color="blue">
            {t('dossier.ledger.export')}
          </Tag>
        ) : (
          <Tag icon={<SafetyOutlined />} color="green">
            {t('dossier.ledger.checkpoint')}
          </Tag>
        ),
    },
    {
      key: 'what',
      title: t('dossier.ledger.detail'),
      render: (_, e) =>
        e.type === 'export'
          ? t('dossier.ledger.exportDetail', { pages: e.pages, index: e.leafIndex })
          : t('dossier.ledger.checkpointDetail', { size: e.size }),
    },
    {
      key: 'root',
      title: t('dossier.ledger.root'),
      width: 170,
      render: (_, e) =>
        e.type === 'checkpoint' ? (
          <Typography.Text code title={e.rootHash}>
            {hashPrefix(e.rootHash, 16)}
          </Typography.Text>
        ) : null,
    },
    { key: 'signer', title: t('dossier.ledger.signer'), width: 190, render: (_, e) => (e.type === 'checkpoint' ? e.keyName : null) },
  ];
  return (
    <Flex vertical gap="small">
      <Typography.Text type="secondary" data-testid="ledger-coverage">
        {t('dossier.ledger.coverage', { logged: ledger.pagesLogged, total: ledger.pagesTotal, size: ledger.treeSize })}
      </Typography.Text>
      <Table<LedgerEntry>
        rowKey={rowKey}
        size="small"
        columns={columns}
        dataSource={ledger.entries}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('dossier.ledger.empty') }}
        aria-label={t('dossier.ledger.title')}
      />
    </Flex>
  );
}
