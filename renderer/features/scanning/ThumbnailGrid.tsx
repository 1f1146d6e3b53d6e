import { FileImageOutlined } from '@ant-design/icons';
import { Empty, Tag, Tooltip } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanPage } from '../../../core/contract/index.js';

/** Skews below this are noise; larger ones are worth a glance. */
const NOTABLE_SKEW = 0.5;

function PageTile({ page }: { page: ScanPage }) {
  const { t } = useTranslation();
  const skew = page.skew !== null && Math.abs(page.skew) >= NOTABLE_SKEW ? page.skew : null;
  return (
    <figure className={page.blank ? 'scan-tile scan-tile-blank' : 'scan-tile'} data-testid="scan-thumbnail" aria-label={t('scanning.pageNo', { n: page.position })}>
      <div className="scan-tile-image">
        {page.thumbnail ? <img src={page.thumbnail} alt={t('scanning.pageNo', { n: page.position })} /> : <FileImageOutlined />}
      </div>
      <figcaption>
        <span className="scan-tile-number">{t('scanning.pageNo', { n: page.position })}</span>
        {page.blank && (
          <Tooltip title={t('scanning.blankHint')}>
            <Tag color="warning">{t('scanning.blank')}</Tag>
          </Tooltip>
        )}
        {skew !== null && <Tag>{t('scanning.skew', { deg: skew.toFixed(1) })}</Tag>}
      </figcaption>
    </figure>
  );
}

/** Pages of the case as they arrive; the newest page is scrolled into view. */
export function ThumbnailGrid({ pages, caseChosen }: { pages: ScanPage[]; caseChosen: boolean }) {
  const { t } = useTranslation();
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'nearest' });
  }, [pages.length]);
  if (pages.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={caseChosen ? t('scanning.noPages') : t('scanning.pickCase')} />;
  return (
    <div className="scan-grid">
      {pages.map((p) => (
        <PageTile key={p.pageId} page={p} />
      ))}
      <div ref={end} />
    </div>
  );
}
