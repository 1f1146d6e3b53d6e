import { DisconnectOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CourtError, type SyncStatus } from '../../../core/contract/index.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { formatCreatedAt } from '../cases/formatCase.js';
import { ErrorAlert } from '../errors/ErrorAlert.js';
import { useErrorText } from '../errors/useErrorText.js';
import { ConnectForm } from './ConnectForm.js';
import { SyncIndicator } from './SyncIndicator.js';
import type { SyncActions } from './useSyncActions.js';

/** 服务器连接: the form until the workstation is signed in, then who is connected where, the last failure and 断开. */
export function ConnectionPanel({ status, actions }: { status: SyncStatus; actions: SyncActions }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const language = currentLanguage();
  const at = (iso: string | null) => (iso ? formatCreatedAt(iso, language) : t('sync.connection.never'));
  const last = status.lastError ? errorText(CourtError.fromData(status.lastError)) : null;
  return (
    <Flex vertical gap="middle" data-testid="sync-connection">
      {status.signedIn ? (
        <>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('sync.connection.state')}>
              <SyncIndicator status={status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('sync.connection.server')}>
              <Typography.Text data-testid="sync-server">{status.server}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('sync.connection.username')}>{status.username}</Descriptions.Item>
            <Descriptions.Item label={t('sync.connection.workstation')}>
              <Typography.Text copyable>{status.workstationId}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('sync.connection.lastContact')}>{at(status.lastContactAt)}</Descriptions.Item>
            {status.nextAttemptAt && <Descriptions.Item label={t('sync.connection.nextAttempt')}>{at(status.nextAttemptAt)}</Descriptions.Item>}
            {/* What the operator needs to know: until when background sync goes on without the password. */}
            {status.renewalExpiresAt ? (
              <Descriptions.Item label={t('sync.connection.renewalExpires')}>
                <span data-testid="sync-renewal-expires">{at(status.renewalExpiresAt)}</span>
              </Descriptions.Item>
            ) : (
              status.tokenExpiresAt && <Descriptions.Item label={t('sync.connection.expires')}>{at(status.tokenExpiresAt)}</Descriptions.Item>
            )}
          </Descriptions>
          <div>
            <Button icon={<DisconnectOutlined />} onClick={() => void actions.run('disconnect')} loading={actions.busy === 'disconnect'}>
              {t('sync.connection.disconnect')}
            </Button>
          </div>
        </>
      ) : (
        <>
          <Typography.Paragraph type="secondary" className="sync-connect-hint">
            {t('sync.connection.hint')}
          </Typography.Paragraph>
          {status.server && <Alert type="info" showIcon title={t('sync.connection.signedOut', { server: status.server })} />}
          <ConnectForm initial={status} busy={actions.busy === 'connect'} onConnect={actions.connect} />
        </>
      )}
      {last && (
        <Alert
          type={status.connection === 'offline' ? 'warning' : 'error'}
          showIcon
          data-testid="sync-last-error"
          data-error-code={last.code}
          title={t('sync.connection.lastError', { message: last.message })}
          description={t('errors.remedy', { remedy: last.remedy })}
        />
      )}
      {actions.failed && ['connect', 'disconnect'].includes(actions.failed.action) && <ErrorAlert error={actions.failed.error} />}
    </Flex>
  );
}
