export { saveCatalogue, type SaveDocument, type SaveOptions, type SaveResult } from './saveCatalogue.js';
export { acceptanceRate, acceptanceReport, type AcceptanceRate, type AcceptanceReport } from './acceptance.js';
export { catalogueCase, classifyText, type CatalogueOptions, type CatalogueResult, type CataloguedDocument, type TextClassification } from './catalogueCase.js';
export { recordCorrection, type Correction } from './corrections.js';
export { detectBoundaries, segmentPages, type BoundaryPage, type PageBoundary, type Segment } from './boundaries.js';
export { extractFields, type DocumentFields } from './fields/index.js';
export { defaultStandardsDir, loadStandards, type Category, type Standard, type StandardSet } from './standards.js';
