import { CourtError } from '../contract/index.js';
import type { Db } from '../store/database.js';
import { detectBoundaries, segmentPages } from './boundaries.js';
import { loadCasePages } from './casePages.js';
import { classifyDocument } from './classifier/classify.js';
import { asKindModel, classifierFor } from './classifier/model.js';
import { extractFields, type DocumentFields } from './fields/index.js';
import { loadStandards, type Standard } from './standards.js';

export interface CataloguedDocument {
  /** Category id from the case's catalogue standard; null = the machine abstained, a person must decide. */
  category: string | null;
  title: string;
  /** First and last page position (inclusive), as stored in pages.position. */
  pages: [number, number];
  /** Probability that both the split and the category are right. */
  confidence: number;
  fields: DocumentFields;
}

export interface CatalogueResult {
  documents: CataloguedDocument[];
}

export interface CatalogueOptions {
  /** Directory of catalogue standard files; the shipped resources/catalogue by default. */
  standardsDir?: string;
}

const UNDECIDED_TITLE = '待审核材料';

/** The title as printed on the first page, else the category's name. */
function titleFor(standard: Standard, category: string | null, found: string | null): string {
  if (found) return found;
  return standard.categories.find((c) => c.id === category)?.name ?? UNDECIDED_TITLE;
}

/**
 * Proposes the catalogue of a case: splits its pages into documents, names each document's
 * category from the case type's standard and extracts its fields. Reads only; saveCatalogue stores
 * what a person confirms.
 */
export function catalogueCase(db: Db, caseNumber: string, options: CatalogueOptions = {}): CatalogueResult {
  const { found, pages } = loadCasePages(db, caseNumber);
  if (pages.length === 0) throw new CourtError('CATALOGUE_NO_PAGES', { details: { number: found.number } });
  const standard = loadStandards(options.standardsDir).forCaseType(found.typeCode);
  const kindModel = asKindModel(classifierFor(db));
  const boundaries = detectBoundaries(
    pages.map((p) => ({ ...p, opensDocument: p.sheetStart !== undefined })),
    { categories: standard.categories },
  );
  const documents = segmentPages(boundaries).map((segment): CataloguedDocument => {
    const text = pages
      .slice(segment.from, segment.to + 1)
      .map((p) => p.text)
      .join('\n');
    // A category printed on the separator sheet was chosen by a person: it stands unless this case's standard lacks it.
    const sheet = pages[segment.from].sheetStart;
    const named = sheet?.category && standard.categories.some((c) => c.id === sheet.category) ? sheet.category : null;
    const decided = named ? { category: named, confidence: 1, title: null } : classifyDocument(text, standard, kindModel);
    return {
      category: decided.category,
      title: titleFor(standard, decided.category, decided.title ?? segment.titles[0]?.title ?? null),
      pages: [pages[segment.from].position, pages[segment.to].position],
      confidence: Math.round(segment.confidence * decided.confidence * 1000) / 1000,
      fields: extractFields(text),
    };
  });
  return { documents };
}

export interface TextClassification {
  category: string | null;
  confidence: number;
  fields: DocumentFields;
}

/**
 * Classifies one document's text. With a store, the model includes its human corrections; with a
 * case type (民初, 刑终…), only that standard's categories are considered.
 */
export function classifyText(text: string, options: CatalogueOptions & { db?: Db; caseType?: string } = {}): TextClassification {
  const standards = loadStandards(options.standardsDir);
  const standard = options.caseType ? standards.forCaseType(options.caseType) : standards.general;
  const decided = classifyDocument(text, standard, asKindModel(classifierFor(options.db)));
  return { category: decided.category, confidence: decided.confidence, fields: extractFields(text) };
}
