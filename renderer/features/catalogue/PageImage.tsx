import { FileImageOutlined } from '@ant-design/icons';
import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CataloguePage, CataloguePageView } from '../../../core/contract/index.js';
import { ErrorAlert } from '../errors/ErrorAlert.js';

/** The page as large as the column allows: its top, where titles and letterheads are, comes first. */
export function PageImage({ page, view, error }: { page: CataloguePage; view: CataloguePageView | null; error: unknown }) {
  const { t } = useTranslation();
  const label = t('catalogue.pageOne', { n: page.position });
  return (
    <div className="catdesk-image" data-testid="catdesk-image">
      {error !== null ? (
        <ErrorAlert error={error} />
      ) : !view ? (
        <Spin />
      ) : view.image ? (
        <img src={view.image} alt={label} />
      ) : (
        <div className="catdesk-no-image">
          <FileImageOutlined />
          <span>{t('catalogue.noImage')}</span>
        </div>
      )}
    </div>
  );
}
