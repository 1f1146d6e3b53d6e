import { CourtError } from '../../../core/contract/index.js';
import type { Language } from '../../i18n/i18n.js';

export interface ErrorText {
  code: string;
  message: string;
  remedy: string;
}

/** What to show for a failed call: the server's message in the UI language and its remedy. */
export function describeError(err: unknown, language: Language, fallback: { message: string; remedy: string }): ErrorText {
  if (err instanceof CourtError) {
    return { code: err.code, message: language === 'en' ? err.messageEn : err.message, remedy: err.remedy };
  }
  return { code: 'INTERNAL', ...fallback };
}
