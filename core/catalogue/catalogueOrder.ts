import type { Standard } from './standards.js';

interface Ordered {
  category: string | null;
  pages: readonly [number, number];
}

/**
 * Sorts documents into the standard's prescribed order, as the 卷内目录 and the e-dossier hold
 * them: categories of one published item, and repeats of a category, in the order their pages
 * were scanned; categories from another standard after the prescribed ones, undecided ones last.
 */
export function inCatalogueOrder<D extends Ordered>(docs: readonly D[], standard: Standard): D[] {
  const order = new Map(standard.categories.map((c) => [c.id, c.order]));
  const rank = (d: D) => (d.category === null ? Number.MAX_SAFE_INTEGER : (order.get(d.category) ?? Number.MAX_SAFE_INTEGER - 1));
  return [...docs].sort((a, b) => rank(a) - rank(b) || a.pages[0] - b.pages[0]);
}
