import type { PageEditResult, ScanPage } from '../../../core/contract/index.js';

const byPosition = (a: ScanPage, b: ScanPage) => a.position - b.position;

/**
 * A page that scan.page reported. A page new to the list took its number from the pages at and
 * after it (an inserting scan), so they move up one, as they did in the store.
 */
export function withArrivedPage(pages: ScanPage[], page: ScanPage): ScanPage[] {
  const known = pages.some((p) => p.pageId === page.pageId);
  const others = pages.filter((p) => p.pageId !== page.pageId).map((p) => (!known && p.position >= page.position ? { ...p, position: p.position + 1 } : p));
  return [...others, page].sort(byPosition);
}

/** The list after an edit: the case's order as the store answered, the edited page as it now is. */
export function afterEdit(pages: ScanPage[], result: PageEditResult): ScanPage[] {
  const at = new Map(result.order.map((o) => [o.pageId, o.position]));
  const kept = pages.filter((p) => at.has(p.pageId)).map((p) => (p.pageId === result.page?.pageId ? result.page : { ...p, position: at.get(p.pageId)! }));
  if (result.page && !pages.some((p) => p.pageId === result.page!.pageId)) kept.push(result.page);
  return kept.sort(byPosition);
}

/** The number a dragged page gets when dropped before or after the page at `target`. */
export function dropPosition(from: number, target: number, side: 'before' | 'after'): number {
  if (side === 'before') return from < target ? target - 1 : target;
  return from < target ? target : target + 1;
}
