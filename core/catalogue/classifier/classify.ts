import { parseCaseNumber } from '../../cases/caseNumber.js';
import { findCaseNumbers } from '../fields/caseNumbers.js';
import { matchTitles, topLines, type TitleHit } from '../pageText.js';
import type { Category, Standard } from '../standards.js';
import type { KindModel } from './model.js';

/**
 * How much a matching title line multiplies a category's odds. The title printed at the top is
 * the prescribed name of the document, so it outweighs the n-gram model by far; the model still
 * decides between categories that share a title (判决书 and 原审判决书) and abstains without one.
 */
const TITLE_ODDS = 400;
/** A category the model has no examples of yet still gets this much probability from its title. */
const TITLE_FLOOR = 0.01;
/** Below this the document is left for a person to categorise. */
const ABSTAIN_BELOW = 0.45;
/** The document's own 案号 is printed under its title, not in the body where other cases are cited. */
const OWN_NUMBER_LINES = 8;

export interface Classification {
  /** Category id, or null when the classifier abstains (needs review). */
  category: string | null;
  confidence: number;
  /** The title line found at the top, if any. */
  title: string | null;
}

function ownCaseType(text: string): string | null {
  const [first] = findCaseNumbers(topLines(text, OWN_NUMBER_LINES).join('\n'));
  return first ? parseCaseNumber(first).typeCode : null;
}

/** Whether a category may apply given the document's own 案号; `specific` breaks ties toward the better fit. */
function fit(c: Category, caseType: string | null): { eligible: boolean; specific: boolean } {
  if (!c.documentCaseTypes) return { eligible: true, specific: caseType === null };
  if (caseType === null) return { eligible: true, specific: false };
  const eligible = c.documentCaseTypes.includes(caseType);
  return { eligible, specific: eligible };
}

export function classifyDocument(text: string, standard: Standard, model: KindModel): Classification {
  const titles: TitleHit[] = matchTitles(topLines(text), standard.categories);
  const kinds = new Map(model(text).map((k) => [k.label, k.probability]));
  const caseType = ownCaseType(text);
  const scored = standard.categories.flatMap((c) => {
    const { eligible, specific } = fit(c, caseType);
    if (!eligible) return [];
    const titled = titles.some((t) => t.categoryId === c.id);
    const fromModel = Math.max(0, ...c.kinds.map((k) => kinds.get(k) ?? 0));
    const base = titled ? Math.max(fromModel, TITLE_FLOOR) * TITLE_ODDS : fromModel;
    return [{ c, score: base * (specific ? 1 + 1e-6 : 1) }];
  });
  const total = scored.reduce((s, x) => s + x.score, 0);
  if (total === 0) return { category: null, confidence: 0, title: titles[0]?.title ?? null };
  const best = scored.reduce((a, b) => (b.score > a.score ? b : a));
  const confidence = Math.round((best.score / total) * 1000) / 1000;
  const title = titles.find((t) => t.categoryId === best.c.id)?.title ?? null;
  return { category: confidence >= ABSTAIN_BELOW ? best.c.id : null, confidence, title };
}
