import { GlobalOutlined } from '@ant-design/icons';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, languages, setLanguage, type Language } from '../i18n/i18n.js';

export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <Select<Language>
      aria-label={t('language.label')}
      value={currentLanguage()}
      onChange={(language) => void setLanguage(language)}
      options={languages.map((l) => ({ value: l, label: t(`language.${l}`) }))}
      prefix={<GlobalOutlined />}
      variant="borderless"
      popupMatchSelectWidth={false}
    />
  );
}
