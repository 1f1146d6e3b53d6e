import { CaretRightOutlined, PauseOutlined, SyncOutlined } from '@ant-design/icons';
import { Button, Flex, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../core/contract/index.js';
import type { SyncActions } from './useSyncActions.js';

/** 立即同步 (Ctrl+Enter) and 暂停/继续 (F8). */
export function SyncControls({ status, actions }: { status: SyncStatus; actions: SyncActions }) {
  const { t } = useTranslation();
  return (
    <Flex gap="small" wrap>
      <Tooltip title={t('sync.actions.syncNowHint')}>
        <Button
          type="primary"
          icon={<SyncOutlined spin={status.running && !status.paused} />}
          onClick={() => void actions.run('syncNow')}
          loading={actions.busy === 'syncNow'}
          disabled={!status.signedIn || status.paused}
        >
          {t('sync.actions.syncNow')}
        </Button>
      </Tooltip>
      <Tooltip title={t('sync.actions.pauseHint')}>
        {status.paused ? (
          <Button icon={<CaretRightOutlined />} onClick={() => void actions.run('resume')} loading={actions.busy === 'resume'}>
            {t('sync.actions.resume')}
          </Button>
        ) : (
          <Button icon={<PauseOutlined />} onClick={() => void actions.run('pause')} loading={actions.busy === 'pause'}>
            {t('sync.actions.pause')}
          </Button>
        )}
      </Tooltip>
    </Flex>
  );
}
