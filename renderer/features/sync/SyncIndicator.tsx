import { Badge, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../core/contract/index.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { formatCreatedAt } from '../cases/formatCase.js';
import './sync.css';
import { indicatorBadge, indicatorState } from './syncIndicatorState.js';

/** The court-server light: 在线 / 离线 / 同步中 / 已暂停 / 未连接, with the server and last contact on hover. */
export function SyncIndicator({ status }: { status: SyncStatus | null }) {
  const { t } = useTranslation();
  if (!status) return null;
  const state = indicatorState(status);
  const lines = [
    status.server ? t('sync.indicator.server', { server: status.server }) : t('sync.indicator.noServer'),
    status.lastContactAt ? t('sync.indicator.lastContact', { at: formatCreatedAt(status.lastContactAt, currentLanguage()) }) : t('sync.indicator.neverContacted'),
    t('sync.indicator.pending', { count: status.pending }),
  ];
  return (
    <Tooltip title={lines.map((l) => <div key={l}>{l}</div>)}>
      <span className="sync-indicator" data-testid="sync-indicator" data-state={state} role="status">
        <Badge status={indicatorBadge[state]} text={t(`sync.indicator.${state}`)} />
      </span>
    </Tooltip>
  );
}
