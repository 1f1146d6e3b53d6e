import { Alert, Button, Flex, Statistic, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { CourtError, type ScanStateEvent } from '../../../core/contract/index.js';
import { useErrorText } from '../errors/useErrorText.js';
import { pagesPerMinute } from './scanRate.js';

const statusColour = { running: 'processing', completed: 'success', cancelled: 'default', failed: 'error', interrupted: 'warning' } as const;

/** The batch under way: counter, speed, state, and — when the scanner stopped — why and what to do, with 继续扫描. */
export function ScanStatus({
  current,
  arrivals,
  casePages,
  busy,
  onCancel,
  onResume,
}: {
  current: ScanStateEvent | null;
  arrivals: number[];
  casePages: number;
  busy: boolean;
  onCancel: () => void;
  onResume: (batchId: number) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const rate = pagesPerMinute(arrivals);
  const running = current?.status === 'running';
  const batchPages = running ? Math.max(current.pages, 0) + arrivals.length : (current?.pages ?? 0);
  const stopped = current && (current.status === 'failed' || current.status === 'cancelled' || current.status === 'interrupted');
  const error = current?.error ? errorText(CourtError.fromData(current.error)) : null;
  return (
    <Flex vertical gap="middle" className="scan-status" data-testid="scan-status">
      <Flex align="center" gap="large" wrap>
        <Statistic title={t('scanning.batchPages')} value={batchPages} suffix={t('scanning.pageUnit')} />
        <Statistic title={t('scanning.rate')} value={rate ?? '—'} suffix={rate === null ? undefined : t('scanning.rateUnit')} />
        <Statistic title={t('scanning.casePages')} value={casePages} suffix={t('scanning.pageUnit')} />
        <Flex vertical gap={4} className="scan-state">
          <span className="scan-state-label">{t('scanning.state')}</span>
          <Tag color={current ? statusColour[current.status] : 'default'} data-testid="scan-state">
            {current ? t(`scanning.status.${current.status}`) : t('scanning.status.idle')}
          </Tag>
        </Flex>
        <Flex gap="small" className="scan-status-actions">
          {running && (
            <Button danger onClick={onCancel} loading={busy}>
              {t('scanning.cancel')}
            </Button>
          )}
          {stopped && (
            <Button type="primary" onClick={() => onResume(current.batchId)} loading={busy}>
              {t('scanning.continue')}
            </Button>
          )}
        </Flex>
      </Flex>
      {error && (
        <Alert
          type="error"
          showIcon
          data-error-code={error.code}
          title={error.message}
          description={
            <>
              <div>{t('errors.remedy', { remedy: error.remedy })}</div>
              <div>{t('scanning.keptPages', { count: current?.pages ?? 0 })}</div>
            </>
          }
        />
      )}
    </Flex>
  );
}
