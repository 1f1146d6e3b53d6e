import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DossierOutline } from '../../../core/contract/index.js';
import { formatParties } from '../cases/formatCase.js';

export function CaseSummary({ outline }: { outline: DossierOutline }) {
  const { t } = useTranslation();
  const c = outline.case;
  return (
    <Descriptions size="small" column={4} className="dossier-summary" aria-label={t('dossier.summary')}>
      <Descriptions.Item label={t('cases.columns.number')}>{c.number}</Descriptions.Item>
      <Descriptions.Item label={t('cases.columns.title')}>{c.title || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('cases.columns.parties')}>
        {formatParties(c.parties, (role) => t(`partyRoles.${role}`), t('cases.partySeparator')) || '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('dossier.extent')}>{t('dossier.extentValue', { documents: outline.documents.length, pages: outline.pages })}</Descriptions.Item>
    </Descriptions>
  );
}
