import { Alert, Empty, Flex, Progress, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CourtError, type SyncQueueItem } from '../../../core/contract/index.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { formatCreatedAt } from '../cases/formatCase.js';
import { useErrorText } from '../errors/useErrorText.js';
import { formatBytes, percentOf } from './syncFormat.js';

const stateColour: Record<SyncQueueItem['state'], string> = { waiting: 'default', uploading: 'processing', done: 'success', failed: 'error' };

function QueueItem({ item, paused }: { item: SyncQueueItem; paused: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const language = currentLanguage();
  const error = item.error ? errorText(CourtError.fromData(item.error)) : null;
  const stopped = paused && item.state === 'uploading';
  const percent = percentOf(item.bytesDone, item.bytesTotal);
  const progressStatus = item.state === 'failed' ? 'exception' : item.state === 'done' ? 'success' : item.state === 'uploading' && !stopped ? 'active' : 'normal';
  return (
    <Flex vertical gap={4} className="sync-queue-item" data-testid="sync-queue-item" data-state={item.state} data-dossier={item.dossierId}>
      <Flex align="center" justify="space-between" gap="small" wrap>
        <Typography.Text strong>{item.caseNumber}</Typography.Text>
        <Flex align="center" gap="small">
          {item.versionNo !== null && <Typography.Text type="secondary">{t('sync.queue.version', { n: item.versionNo })}</Typography.Text>}
          <Tag color={stopped ? 'warning' : stateColour[item.state]} data-testid="sync-item-state">
            {stopped ? t('sync.queue.pausedHere') : t(`sync.queue.states.${item.state}`)}
          </Tag>
        </Flex>
      </Flex>
      <Progress percent={percent} status={progressStatus} aria-label={t('sync.queue.progress', { number: item.caseNumber })} />
      <Typography.Text type="secondary" className="sync-queue-detail">
        {t('sync.queue.detail', {
          dossier: item.dossierId,
          pages: item.pageCount,
          done: formatBytes(item.bytesDone),
          total: formatBytes(item.bytesTotal),
        })}
        {' · '}
        {item.doneAt ? t('sync.queue.doneAt', { at: formatCreatedAt(item.doneAt, language) }) : t('sync.queue.queuedAt', { at: formatCreatedAt(item.queuedAt, language) })}
      </Typography.Text>
      {error && (
        <Alert type="error" showIcon data-error-code={error.code} title={error.message} description={t('errors.remedy', { remedy: error.remedy })} />
      )}
    </Flex>
  );
}

/** The versions on their way: waiting and failed ones in sending order, then the ones just confirmed. */
export function SyncQueue({ items, paused }: { items: SyncQueueItem[]; paused: boolean }) {
  const { t } = useTranslation();
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sync.queue.empty')} />;
  return (
    <Flex vertical gap="middle" data-testid="sync-queue">
      {items.map((item) => (
        <QueueItem key={item.outboxId} item={item} paused={paused} />
      ))}
    </Flex>
  );
}
