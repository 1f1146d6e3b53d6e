import type { StoreVerdictView } from '../../../core/contract/index.js';

export interface VerdictView {
  tone: 'success' | 'warning' | 'error';
  /** i18n keys and their values. */
  title: string;
  detail: { key: string; values: Record<string, string | number> };
  remedy: { key: string } | { text: string } | null;
  /** The page to point at in the catalogue, if one is at fault. */
  position: number | null;
}

/**
 * What 校验 found, as the panel words it: 完整, or which page of which document is altered,
 * missing or unlogged, or that the ledger itself no longer matches its signed checkpoints.
 */
export function verdictView(v: StoreVerdictView, language: 'zh-CN' | 'en'): VerdictView {
  switch (v.status) {
    case 'intact':
      return {
        tone: 'success',
        title: 'dossier.verify.intact',
        detail: { key: 'dossier.verify.intactDetail', values: { pages: v.pages, ledgerSize: v.ledgerSize, checkpoints: v.checkpoints } },
        remedy: null,
        position: null,
      };
    case 'ledger':
      return {
        tone: 'error',
        title: 'dossier.verify.ledger',
        detail: { key: 'dossier.verify.ledgerDetail', values: { message: language === 'en' ? v.error.messageEn : v.error.message } },
        remedy: { text: v.error.remedy },
        position: null,
      };
    default:
      return {
        tone: v.status === 'unlogged' ? 'warning' : 'error',
        title: `dossier.verify.${v.status}`,
        detail: { key: `dossier.verify.${v.status}Detail`, values: { position: v.position, document: v.document, hash: v.sha256.slice(0, 12) } },
        remedy: { key: `dossier.verify.${v.status}Remedy` },
        position: v.position,
      };
  }
}
