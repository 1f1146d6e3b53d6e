import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CataloguePage, CataloguePageView } from '../../../core/contract/index.js';

/** What OCR read on the page, with how far recognition got and how sure the engine was. */
export function PageText({ page, view }: { page: CataloguePage; view: CataloguePageView | null }) {
  const { t } = useTranslation();
  return (
    <div className="catdesk-text">
      <div className="catdesk-text-head">
        <Typography.Text strong>{t('catalogue.pageOne', { n: page.position })}</Typography.Text>
        {page.blank && <Tag>{t('catalogue.blank')}</Tag>}
        <Tag color={page.ocr === 'failed' ? 'error' : page.ocr === 'done' ? 'default' : 'processing'}>{t(`catalogue.ocr.${page.ocr}`)}</Tag>
        {page.ocrConfidence !== null && (
          <Typography.Text type="secondary">{t('catalogue.ocrConfidence', { value: Math.round(page.ocrConfidence * 100) })}</Typography.Text>
        )}
      </div>
      {view &&
        (view.text.trim() ? (
          <pre className="catdesk-ocr" data-testid="catdesk-ocr">
            {view.text}
          </pre>
        ) : (
          <Typography.Text type="secondary">{t('catalogue.noText')}</Typography.Text>
        ))}
    </div>
  );
}
