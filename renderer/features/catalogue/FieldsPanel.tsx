import { Descriptions, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueFields } from '../../../core/contract/index.js';

const yuan = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' });

/** 案号, parties with their roles, dates, amounts and courts the machine read in the document, for the verifier to confirm with it. */
export function FieldsPanel({ fields }: { fields: CatalogueFields | undefined }) {
  const { t } = useTranslation();
  if (!fields) return <Typography.Text type="secondary">{t('catalogue.fields.pending')}</Typography.Text>;
  const list = (items: ReactNode[]) => (items.length ? <span className="catdesk-field-list">{items}</span> : <Typography.Text type="secondary">{t('catalogue.fields.none')}</Typography.Text>);
  return (
    <Descriptions size="small" column={1} className="catdesk-fields" data-testid="catdesk-fields">
      <Descriptions.Item label={t('catalogue.fields.caseNumbers')}>{list(fields.caseNumbers.map((n) => <span key={n}>{n}</span>))}</Descriptions.Item>
      <Descriptions.Item label={t('catalogue.fields.parties')}>
        {list(fields.parties.map((p) => <span key={`${p.role}:${p.name}`}>{t('catalogue.fields.party', { role: t(`partyRoles.${p.role}`), name: p.name })}</span>))}
        {fields.parties.length > 0 && (
          <Typography.Text type="secondary" className="catdesk-field-note">
            {t('catalogue.partiesNote')}
          </Typography.Text>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('catalogue.fields.dates')}>{list(fields.dates.map((d) => <span key={d}>{d}</span>))}</Descriptions.Item>
      <Descriptions.Item label={t('catalogue.fields.amounts')}>
        {list(fields.amounts.map((a) => <span key={a.text} title={a.text}>{t('catalogue.fields.amount', { value: yuan.format(a.value), text: a.text })}</span>))}
      </Descriptions.Item>
      <Descriptions.Item label={t('catalogue.fields.courts')}>{list(fields.courts.map((c) => <span key={c}>{c}</span>))}</Descriptions.Item>
    </Descriptions>
  );
}
