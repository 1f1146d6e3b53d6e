import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useConnectionStatus } from '../api/CourtContext.js';

export function ConnectionBanner() {
  const { t } = useTranslation();
  const status = useConnectionStatus();
  if (status === 'open') return null;
  return <Alert banner type={status === 'closed' ? 'warning' : 'info'} title={t(`connection.${status}`)} />;
}
