import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText } from './useErrorText.js';

/** A failed call as the user should see it: what happened, then what to do about it. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const text = useErrorText()(error);
  return (
    <Alert
      type="error"
      showIcon
      data-error-code={text.code}
      title={text.message}
      description={t('errors.remedy', { remedy: text.remedy })}
    />
  );
}
