import type { CatalogueCategory, CatalogueDocument, CatalogueFields, CatalogueProposal } from '../../../core/contract/index.js';

/** How sure the machine was: high needs a glance, medium a look, review a decision (it abstained, or a person changed the split). */
export type Level = 'high' | 'medium' | 'review';
/** proposed: as the machine left it; accepted: a person agreed; changed: a person chose the category; confirmed: decided in an earlier review. */
export type DocState = 'proposed' | 'accepted' | 'changed' | 'confirmed';

/** From this confidence on a proposal is shown green: the machine's title rules matched. */
export const HIGH_CONFIDENCE = 0.85;

export interface DraftDocument {
  key: number;
  category: string | null;
  title: string;
  /** First and last page position. */
  from: number;
  to: number;
  confidence: number | null;
  /** Unknown after a split or merge until the desk extracts them on save. */
  fields?: CatalogueFields;
  level: Level;
  state: DocState;
}

export interface Draft {
  /** In catalogue order: the standard's order, then page order. */
  documents: DraftDocument[];
  /** Every page position of the case in page order. */
  positions: number[];
  nextKey: number;
}

export function levelOf(category: string | null, confidence: number | null): Level {
  if (category === null || confidence === null) return 'review';
  return confidence >= HIGH_CONFIDENCE ? 'high' : 'medium';
}

export const isUncertain = (d: DraftDocument) => d.state === 'proposed' && d.level !== 'high';
export const isDecided = (d: DraftDocument) => d.state !== 'proposed';

/** The same order the desk stores: by the category's place in the standard, repeats and ties in page order, undecided last. */
export function inCatalogueOrder(documents: readonly DraftDocument[], categories: readonly CatalogueCategory[]): DraftDocument[] {
  const order = new Map(categories.map((c) => [c.id, c.order]));
  const rank = (d: DraftDocument) => (d.category === null ? Number.MAX_SAFE_INTEGER : (order.get(d.category) ?? Number.MAX_SAFE_INTEGER - 1));
  return [...documents].sort((a, b) => rank(a) - rank(b) || a.from - b.from);
}

export function draftFrom(proposal: CatalogueProposal, categories: readonly CatalogueCategory[]): Draft {
  const documents = proposal.documents.map(
    (d, key): DraftDocument => ({
      key,
      category: d.category,
      title: d.title,
      from: d.pages[0],
      to: d.pages[1],
      confidence: d.confidence,
      fields: d.fields,
      level: levelOf(d.category, d.confidence),
      state: d.confirmed ? 'confirmed' : 'proposed',
    }),
  );
  return { documents: inCatalogueOrder(documents, categories), positions: proposal.pages.map((p) => p.position), nextKey: documents.length };
}

/** Page positions of a document, in page order. */
export function pagesOf(draft: Draft, d: DraftDocument): number[] {
  return draft.positions.filter((p) => p >= d.from && p <= d.to);
}

export function documentAt(draft: Draft, position: number): DraftDocument | undefined {
  return draft.documents.find((d) => position >= d.from && position <= d.to);
}

/** Pages in the order the list shows them: documents in catalogue order, each one's pages in page order. */
export function readingOrder(draft: Draft): number[] {
  return draft.documents.flatMap((d) => pagesOf(draft, d));
}

function replace(draft: Draft, categories: readonly CatalogueCategory[], remove: readonly number[], add: readonly DraftDocument[]): Draft {
  const kept = draft.documents.filter((d) => !remove.includes(d.key));
  return { ...draft, documents: inCatalogueOrder([...kept, ...add], categories) };
}

export function accept(draft: Draft, key: number): Draft {
  return { ...draft, documents: draft.documents.map((d) => (d.key === key && d.state === 'proposed' ? { ...d, state: 'accepted' } : d)) };
}

export function setCategory(draft: Draft, categories: readonly CatalogueCategory[], key: number, category: string): Draft {
  const target = draft.documents.find((d) => d.key === key);
  if (!target) return draft;
  if (target.category === category) return accept(draft, key);
  const name = categories.find((c) => c.id === category)?.name ?? category;
  return replace(draft, categories, [key], [{ ...target, category, title: name, confidence: null, state: 'changed' }]);
}

/** A new document from the page on: both parts keep the category and wait for a person's word. Null when the page already starts its document. */
export function split(draft: Draft, categories: readonly CatalogueCategory[], position: number): Draft | null {
  const d = documentAt(draft, position);
  if (!d || d.from === position) return null;
  const before = draft.positions[draft.positions.indexOf(position) - 1];
  const name = categories.find((c) => c.id === d.category)?.name ?? '';
  const unsure = { confidence: null, fields: undefined, level: 'review' as const, state: 'proposed' as const };
  const head: DraftDocument = { ...d, ...unsure, to: before };
  const tail: DraftDocument = { ...d, ...unsure, key: draft.nextKey, title: name, from: position };
  return { ...replace(draft, categories, [d.key], [head, tail]), nextKey: draft.nextKey + 1 };
}

/** Joins a document to the one whose pages come just before it in the case; the earlier one's category and title stand. Null for the first pages. */
export function mergeWithPrevious(draft: Draft, categories: readonly CatalogueCategory[], key: number): Draft | null {
  const d = draft.documents.find((x) => x.key === key);
  if (!d) return null;
  const before = draft.positions[draft.positions.indexOf(d.from) - 1];
  const prev = before === undefined ? undefined : documentAt(draft, before);
  if (!prev) return null;
  const category = prev.category ?? d.category;
  const merged: DraftDocument = { ...prev, category, to: d.to, confidence: null, fields: undefined, level: 'review', state: 'proposed' };
  return replace(draft, categories, [d.key, prev.key], [merged]);
}

/** The next document after `key` in list order that still needs a person, wrapping round; undefined when none does. */
export function nextUncertain(draft: Draft, key: number | undefined): DraftDocument | undefined {
  const docs = draft.documents;
  const at = docs.findIndex((d) => d.key === key);
  for (let i = 1; i <= docs.length; i++) {
    const d = docs[(at + i) % docs.length];
    if (isUncertain(d)) return d;
  }
  return undefined;
}

/** What catalogue.save takes: documents in page order. */
export function toSave(draft: Draft, categories: readonly CatalogueCategory[]): CatalogueDocument[] {
  return [...draft.documents]
    .sort((a, b) => a.from - b.from)
    .map((d) => ({
      category: d.category,
      title: d.title || categories.find((c) => c.id === d.category)?.name || '',
      pages: [d.from, d.to],
      confidence: d.confidence,
      ...(d.fields ? { fields: d.fields } : {}),
    }));
}
