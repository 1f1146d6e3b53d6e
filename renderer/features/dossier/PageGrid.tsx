import { FileImageOutlined } from '@ant-design/icons';
import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OutlineDocument } from '../../../core/contract/index.js';
import { hashPrefix } from './formatHash.js';
import { useThumbnails } from './useThumbnails.js';

/** The pages of one document as small images, numbered as in the e-dossier; a page 校验 found wrong is outlined in red. */
export function PageGrid({ document, problemPosition }: { document: OutlineDocument; problemPosition: number | null }) {
  const { t } = useTranslation();
  const thumbnails = useThumbnails(document.pages.map((p) => p.pageId));
  return (
    <div className="dossier-grid">
      {document.pages.map((p) => {
        const src = thumbnails.get(p.pageId);
        const label = t('dossier.pageOne', { n: p.position });
        return (
          <figure key={p.pageId} className={p.position === problemPosition ? 'dossier-tile dossier-tile-problem' : 'dossier-tile'} data-testid="dossier-page">
            <div className="dossier-tile-image">{src ? <img src={src} alt={label} /> : <FileImageOutlined />}</div>
            <figcaption>
              <span className="dossier-tile-number">{label}</span>
              <Tooltip title={`SHA-256 ${p.sha256}`}>
                <code className="dossier-tile-hash">{hashPrefix(p.sha256, 8)}</code>
              </Tooltip>
            </figcaption>
          </figure>
        );
      })}
    </div>
  );
}
