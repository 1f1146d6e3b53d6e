import { Empty } from 'antd';
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanPage } from '../../../core/contract/index.js';
import { dropPosition } from './pageOrder.js';
import { PageTile, type DragHandlers } from './PageTile.js';
import './scanning.css';

/** What the grid may do to the case's pages; without it the pages are only shown. */
export interface GridEdits {
  busyPageId: number | null;
  rotate(page: ScanPage, degrees: 90 | 270): void;
  move(page: ScanPage, to: number): void;
  remove(page: ScanPage): void;
  undo(): void;
  /** Absent while no scanner can be used. */
  rescan?: (page: ScanPage) => void;
  insertAfter?: (page: ScanPage) => void;
}

const DRAG_TYPE = 'application/x-courtdesk-page';

/**
 * Pages of the case as they arrive; the newest page is scrolled into view. With edits, a page is
 * selected by click or arrow keys and then: R / Shift+R turn it, Alt+←/→ move it, Delete removes
 * it (Ctrl+Z undoes), or it is dragged to its new place.
 */
export function ThumbnailGrid({ pages, caseChosen, edits }: { pages: ScanPage[]; caseChosen: boolean; edits?: GridEdits }) {
  const { t } = useTranslation();
  const end = useRef<HTMLDivElement>(null);
  const tiles = useRef(new Map<number, HTMLElement>());
  const [selected, setSelected] = useState<number | null>(null);
  const [dragging, setDragging] = useState<number | null>(null);
  const [dropHint, setDropHint] = useState<{ pageId: number; side: 'before' | 'after' } | null>(null);
  const keepFocus = useRef(false);

  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'nearest' });
  }, [pages.length]);
  // A moved tile is re-inserted in the DOM, which drops focus: give it back so the next key works.
  useEffect(() => {
    if (!keepFocus.current || selected === null) return;
    keepFocus.current = false;
    tiles.current.get(selected)?.focus();
  }, [pages, selected]);

  if (pages.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={caseChosen ? t('scanning.noPages') : t('scanning.pickCase')} />;

  const current = pages.find((p) => p.pageId === selected) ?? null;

  const onKeyDown = (e: KeyboardEvent) => {
    if (!edits) return;
    if (e.key.toLowerCase() === 'z' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      edits.undo();
      return;
    }
    if (!current || edits.busyPageId !== null) return;
    const index = pages.indexOf(current);
    const step = e.key === 'ArrowLeft' ? -1 : e.key === 'ArrowRight' ? 1 : 0;
    if (step !== 0 && e.altKey) {
      e.preventDefault();
      const to = current.position + step;
      if (to < 1 || to > pages.length) return;
      keepFocus.current = true;
      edits.move(current, to);
    } else if (step !== 0) {
      e.preventDefault();
      const next = pages[index + step];
      if (next) tiles.current.get(next.pageId)?.focus();
    } else if (e.key.toLowerCase() === 'r' && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      keepFocus.current = true;
      edits.rotate(current, e.shiftKey ? 270 : 90);
    } else if (e.key === 'Delete') {
      e.preventDefault();
      // The neighbour takes the selection, so Delete can be pressed again for the next page.
      const neighbour = pages[index + 1] ?? pages[index - 1];
      setSelected(neighbour?.pageId ?? null);
      keepFocus.current = true;
      edits.remove(current);
    }
  };

  const dragFor = (page: ScanPage): DragHandlers | undefined =>
    edits && {
      onDragStart: (e: DragEvent) => {
        setDragging(page.pageId);
        setSelected(page.pageId);
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData(DRAG_TYPE, String(page.pageId));
      },
      onDragOver: (e: DragEvent) => {
        if (dragging === null || dragging === page.pageId) return;
        e.preventDefault();
        const box = e.currentTarget.getBoundingClientRect();
        const side = e.clientX < box.left + box.width / 2 ? 'before' : 'after';
        if (dropHint?.pageId !== page.pageId || dropHint.side !== side) setDropHint({ pageId: page.pageId, side });
      },
      onDragLeave: () => setDropHint((h) => (h?.pageId === page.pageId ? null : h)),
      onDrop: (e: DragEvent) => {
        e.preventDefault();
        const moving = pages.find((p) => p.pageId === dragging);
        const side = dropHint?.pageId === page.pageId ? dropHint.side : 'after';
        setDropHint(null);
        setDragging(null);
        if (!moving || moving.pageId === page.pageId) return;
        const to = dropPosition(moving.position, page.position, side);
        if (to !== moving.position) edits.move(moving, to);
      },
      onDragEnd: () => {
        setDragging(null);
        setDropHint(null);
      },
    };

  return (
    <div className="scan-grid" {...(edits ? { role: 'listbox', 'aria-label': t('scanning.edit.listLabel'), onKeyDown } : {})}>
      {pages.map((p, i) => (
        <PageTile
          key={p.pageId}
          page={p}
          selected={p.pageId === selected}
          busy={edits?.busyPageId === p.pageId}
          focusable={selected === null ? i === 0 : p.pageId === selected}
          dropSide={dropHint?.pageId === p.pageId ? dropHint.side : null}
          tileRef={(el) => (el ? tiles.current.set(p.pageId, el) : tiles.current.delete(p.pageId))}
          onSelect={() => setSelected(p.pageId)}
          drag={dragFor(p)}
          actions={
            edits && {
              rotateRight: () => edits.rotate(p, 90),
              rotateLeft: () => edits.rotate(p, 270),
              remove: () => edits.remove(p),
              rescan: edits.rescan && (() => edits.rescan!(p)),
              insertAfter: edits.insertAfter && (() => edits.insertAfter!(p)),
            }
          }
        />
      ))}
      <div ref={end} />
    </div>
  );
}
