import { Button, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { ScanBatch } from '../../../core/contract/index.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { formatCreatedAt } from '../cases/formatCase.js';

const resumable = new Set(['interrupted', 'cancelled', 'failed']);
const statusColour = { running: 'processing', completed: 'success', cancelled: 'default', failed: 'error', interrupted: 'warning' } as const;

/** Every capture batch of the case; a batch that stopped early offers 继续扫描. */
export function BatchList({ batches, busy, scanning, onResume }: { batches: ScanBatch[]; busy: boolean; scanning: boolean; onResume: (batchId: number) => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const settingsText = (b: ScanBatch) =>
    b.kind === 'import'
      ? t('scanning.kinds.import')
      : [b.settings.source && t(`scanning.sources.${b.settings.source}`), b.settings.mode && t(`scanning.modes.${b.settings.mode}`), b.settings.resolution && `${b.settings.resolution} dpi`]
          .filter(Boolean)
          .join(' · ');
  const columns: ColumnsType<ScanBatch> = [
    { key: 'id', title: t('scanning.batchColumns.id'), dataIndex: 'id', width: 80 },
    { key: 'startedAt', title: t('scanning.batchColumns.startedAt'), dataIndex: 'startedAt', width: 180, render: (iso: string) => formatCreatedAt(iso, language) },
    { key: 'device', title: t('scanning.batchColumns.device'), dataIndex: 'device', width: 120 },
    { key: 'settings', title: t('scanning.batchColumns.settings'), render: (_, b) => settingsText(b) },
    { key: 'pages', title: t('scanning.batchColumns.pages'), dataIndex: 'pages', width: 80, align: 'right' },
    {
      key: 'status',
      title: t('scanning.batchColumns.status'),
      width: 220,
      render: (_, b) => (
        <>
          <Tag color={statusColour[b.status]}>{t(`scanning.status.${b.status}`)}</Tag>
          {b.error && <span className="scan-batch-error">{language === 'en' ? b.error.messageEn : b.error.message}</span>}
        </>
      ),
    },
    {
      key: 'actions',
      title: t('scanning.batchColumns.actions'),
      width: 120,
      render: (_, b) =>
        b.kind === 'scan' && resumable.has(b.status) ? (
          <Button size="small" onClick={() => onResume(b.id)} disabled={scanning} loading={busy}>
            {t('scanning.continue')}
          </Button>
        ) : null,
    },
  ];
  return (
    <Table<ScanBatch>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={[...batches].reverse()}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: t('scanning.noBatches') }}
      aria-label={t('scanning.batches')}
    />
  );
}
