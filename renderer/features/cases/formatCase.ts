import type { Party } from '../../../core/contract/index.js';
import type { Language } from '../../i18n/i18n.js';

/** 原告：张三；被告：李四 — roles named in the UI language. */
export function formatParties(parties: readonly Party[], roleName: (role: Party['role']) => string, separator: string): string {
  return parties.map((p) => `${roleName(p.role)}${separatorAfterRole(roleName(p.role))}${p.name}`).join(separator);
}

function separatorAfterRole(label: string): string {
  return /[\u4e00-\u9fff]$/.test(label) ? '：' : ': ';
}

export function formatCreatedAt(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
