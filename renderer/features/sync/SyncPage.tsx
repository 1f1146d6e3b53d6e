import { Alert, Card, Flex, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useShortcuts } from '../../shell/shortcuts.js';
import { ErrorAlert } from '../errors/ErrorAlert.js';
import { ConflictList } from './ConflictList.js';
import { ConnectionPanel } from './ConnectionPanel.js';
import { SyncControls } from './SyncControls.js';
import { SyncQueue } from './SyncQueue.js';
import './sync.css';
import { useConflicts } from './useConflicts.js';
import { useSyncActions } from './useSyncActions.js';
import { useSyncStatus } from './useSyncStatus.js';

/** 同步: the link to the court server, the queue of e-dossier versions with their progress, and assignment conflicts. */
export function SyncPage() {
  const { t } = useTranslation();
  const { status, error, update } = useSyncStatus();
  const actions = useSyncActions(update);
  // Conflicts can only appear when a sync ends.
  const conflicts = useConflicts(status && !status.running ? status.lastAttemptAt : null);

  useShortcuts([
    {
      key: 'Enter',
      mod: true,
      run: () => {
        if (status?.signedIn && !status.paused) void actions.run('syncNow');
      },
    },
    {
      key: 'F8',
      run: () => {
        if (status) void actions.run(status.paused ? 'resume' : 'pause');
      },
    },
  ]);

  const queueFailure = actions.failed && !['connect', 'disconnect'].includes(actions.failed.action) ? actions.failed.error : null;
  return (
    <Flex vertical gap="middle" className="sync-page">
      <Typography.Title level={4} className="page-title">
        {t('sync.title')}
      </Typography.Title>
      {error !== null && <ErrorAlert error={error} />}
      {!status ? (
        error === null && (
          <div className="sync-loading">
            <Spin />
          </div>
        )
      ) : (
        <Flex gap="middle" align="start" className="sync-layout">
          <Card size="small" title={t('sync.connection.title')} className="sync-connection-card">
            <ConnectionPanel status={status} actions={actions} />
          </Card>
          <Flex vertical gap="middle" className="sync-main">
            <Card
              size="small"
              title={t('sync.queue.title')}
              extra={<Typography.Text type="secondary">{t('sync.queue.pending', { count: status.pending })}</Typography.Text>}
            >
              <Flex vertical gap="middle">
                <SyncControls status={status} actions={actions} />
                {status.elsewhere && (
                  <Alert type="info" showIcon data-testid="sync-elsewhere" title={t('sync.queue.elsewhere', status.elsewhere)} />
                )}
                {queueFailure !== null && <ErrorAlert error={queueFailure} />}
                <SyncQueue items={status.queue} paused={status.paused} />
              </Flex>
            </Card>
            <Card size="small" title={t('sync.conflicts.title')}>
              <ConflictList conflicts={conflicts.conflicts} error={conflicts.error} />
            </Card>
          </Flex>
        </Flex>
      )}
    </Flex>
  );
}
