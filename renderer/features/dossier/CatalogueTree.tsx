import { Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useTranslation } from 'react-i18next';
import type { OutlineDocument } from '../../../core/contract/index.js';
import { hashPrefix } from './formatHash.js';

const documentKey = (index: number) => `doc-${index}`;

/** 卷内目录: documents in catalogue order with their page ranges; each opens to its pages and their hashes. */
export function CatalogueTree({
  documents,
  selected,
  problemPosition,
  onSelect,
}: {
  documents: OutlineDocument[];
  selected: number;
  problemPosition: number | null;
  onSelect: (documentIndex: number) => void;
}) {
  const { t } = useTranslation();
  const range = (d: OutlineDocument) => (d.firstPage === d.lastPage ? t('dossier.pageOne', { n: d.firstPage }) : t('dossier.pageRange', { from: d.firstPage, to: d.lastPage }));
  const treeData: DataNode[] = documents.map((d, i) => ({
    key: documentKey(i),
    title: (
      <span className="catalogue-document" data-testid="catalogue-document">
        <span className="catalogue-number">{i + 1}</span>
        <span className="catalogue-title">{d.title}</span>
        <Tag className="catalogue-range">{range(d)}</Tag>
      </span>
    ),
    children: d.pages.map((p) => ({
      key: `page-${p.pageId}`,
      isLeaf: true,
      selectable: false,
      title: (
        <span className={p.position === problemPosition ? 'catalogue-page catalogue-page-problem' : 'catalogue-page'}>
          {t('dossier.pageOne', { n: p.position })}
          <Typography.Text type="secondary" code className="catalogue-hash" title={p.sha256}>
            {hashPrefix(p.sha256)}
          </Typography.Text>
        </span>
      ),
    })),
  }));
  return (
    <Tree
      blockNode
      treeData={treeData}
      selectedKeys={[documentKey(selected)]}
      onSelect={(keys) => {
        const key = String(keys[0] ?? '');
        if (key.startsWith('doc-')) onSelect(Number(key.slice(4)));
      }}
      className="catalogue-tree"
      aria-label={t('dossier.catalogue')}
    />
  );
}
