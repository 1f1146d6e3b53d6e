import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { roleLabels, type Session } from '../../core/contract/index.js';
import { HeaderSyncIndicator } from '../features/sync/HeaderSyncIndicator.js';
import { currentLanguage } from '../i18n/i18n.js';
import { LanguageSwitch } from './LanguageSwitch.js';

/** `onOpenSync` is given to those who run the 同步 page; they also see the court-server light. */
export function HeaderBar({ session, onLogout, onOpenSync }: { session: Session; onLogout: () => void; onOpenSync?: () => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage() === 'en' ? 'en' : 'zh';
  return (
    <Flex align="center" justify="space-between" className="header-bar">
      <Typography.Text strong className="header-title">
        {t('app.title')}
      </Typography.Text>
      <Flex align="center" gap="small">
        {onOpenSync && <HeaderSyncIndicator onOpen={onOpenSync} />}
        <UserOutlined />
        <Typography.Text data-testid="current-user">{session.displayName}</Typography.Text>
        {session.roles.map((role) => (
          <Tag key={role} color="blue" variant="outlined">
            {roleLabels[role][lang]}
          </Tag>
        ))}
        <LanguageSwitch />
        <Button icon={<LogoutOutlined />} onClick={onLogout}>
          {t('shell.logout')}
        </Button>
      </Flex>
    </Flex>
  );
}
