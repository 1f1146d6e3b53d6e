import { DeleteOutlined, FileImageOutlined, PlusSquareOutlined, RedoOutlined, RotateLeftOutlined, RotateRightOutlined } from '@ant-design/icons';
import { Button, Spin, Tag, Tooltip } from 'antd';
import type { DragEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanPage } from '../../../core/contract/index.js';

/** Skews below this are noise; larger ones are worth a glance. */
const NOTABLE_SKEW = 0.5;

/** What the operator can do to one page; absent where pages are only shown. */
export interface TileActions {
  rotateRight(): void;
  rotateLeft(): void;
  remove(): void;
  /** Absent until a scanner is chosen. */
  rescan?: () => void;
  insertAfter?: () => void;
}

export interface DragHandlers {
  onDragStart(e: DragEvent): void;
  onDragOver(e: DragEvent): void;
  onDragLeave(): void;
  onDrop(e: DragEvent): void;
  onDragEnd(): void;
}

function Action({ label, icon, onClick, danger }: { label: string; icon: ReactNode; onClick?: () => void; danger?: boolean }) {
  return (
    <Tooltip title={label}>
      {/* Out of the tab order: the keys work on the selected page, these are for the mouse. */}
      <Button size="small" type="text" tabIndex={-1} danger={danger} icon={icon} aria-label={label} disabled={!onClick} onClick={(e) => (e.stopPropagation(), onClick?.())} />
    </Tooltip>
  );
}

/** One page: its image, number and flags, and — when editable — its actions, draggable to a new place. */
export function PageTile({
  page,
  selected,
  busy,
  focusable,
  dropSide,
  actions,
  drag,
  tileRef,
  onSelect,
}: {
  page: ScanPage;
  selected: boolean;
  busy: boolean;
  focusable: boolean;
  dropSide: 'before' | 'after' | null;
  actions?: TileActions;
  drag?: DragHandlers;
  tileRef?: (el: HTMLElement | null) => void;
  onSelect?: () => void;
}) {
  const { t } = useTranslation();
  const withScanner = (label: string, action?: () => void) => (action ? label : `${label}（${t('scanning.edit.needScanner')}）`);
  const skew = page.skew !== null && Math.abs(page.skew) >= NOTABLE_SKEW ? page.skew : null;
  const label = t('scanning.pageNo', { n: page.position });
  const classes = ['scan-tile', page.blank && 'scan-tile-blank', selected && 'scan-tile-selected', dropSide && `scan-tile-drop-${dropSide}`].filter(Boolean).join(' ');
  return (
    <figure
      ref={tileRef}
      className={classes}
      data-testid="scan-thumbnail"
      aria-label={label}
      {...(actions ? { role: 'option', 'aria-selected': selected, tabIndex: focusable ? 0 : -1, draggable: !busy, onClick: onSelect, onFocus: onSelect, ...drag } : {})}
    >
      <Tooltip title={actions ? t('scanning.edit.drag') : undefined} mouseEnterDelay={0.8}>
        <div className="scan-tile-image">
          {page.thumbnail ? <img src={page.thumbnail} alt={label} draggable={false} /> : <FileImageOutlined />}
          {busy && <Spin className="scan-tile-busy" />}
        </div>
      </Tooltip>
      <figcaption>
        <span className="scan-tile-number">{label}</span>
        {page.blank && (
          <Tooltip title={t('scanning.blankHint')}>
            <Tag color="warning">{t('scanning.blank')}</Tag>
          </Tooltip>
        )}
        {skew !== null && <Tag>{t('scanning.skew', { deg: skew.toFixed(1) })}</Tag>}
      </figcaption>
      {actions && (
        <div className="scan-tile-actions">
          <Action label={t('scanning.edit.rotateLeft')} icon={<RotateLeftOutlined />} onClick={actions.rotateLeft} />
          <Action label={t('scanning.edit.rotateRight')} icon={<RotateRightOutlined />} onClick={actions.rotateRight} />
          <Action label={withScanner(t('scanning.edit.rescan'), actions.rescan)} icon={<RedoOutlined />} onClick={actions.rescan} />
          <Action label={withScanner(t('scanning.edit.insertAfter'), actions.insertAfter)} icon={<PlusSquareOutlined />} onClick={actions.insertAfter} />
          <Action label={t('scanning.edit.remove')} icon={<DeleteOutlined />} onClick={actions.remove} danger />
        </div>
      )}
    </figure>
  );
}
