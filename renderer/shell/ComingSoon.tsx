import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NavKey } from './navigation.js';

/** Areas not built yet say what they will hold, so staff know where things are going. */
export function ComingSoon({ area }: { area: Exclude<NavKey, 'cases'> }) {
  const { t } = useTranslation();
  return <Result status="info" title={t('comingSoon.title', { name: t(`nav.${area}`) })} subTitle={t(`comingSoon.${area}`)} />;
}
