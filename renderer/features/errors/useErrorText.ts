import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n/i18n.js';
import { describeError, type ErrorText } from './describeError.js';

export function useErrorText(): (err: unknown) => ErrorText {
  const { t } = useTranslation();
  return (err) => describeError(err, currentLanguage(), { message: t('errors.unexpected'), remedy: t('errors.unexpectedRemedy') });
}
