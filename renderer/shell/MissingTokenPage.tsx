import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

export function MissingTokenPage() {
  const { t } = useTranslation();
  return <Result status="warning" title={t('token.missingTitle')} subTitle={t('token.missingDetail')} />;
}
