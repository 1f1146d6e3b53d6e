import {
  CourtError,
  type AcceptanceReportView,
  type CatalogueCategories,
  type CatalogueDocument,
  type CataloguePageView,
  type CatalogueProposal,
  type SaveCatalogueResult,
} from '../contract/index.js';
import { addParties, getCase } from '../cases/caseRepository.js';
import type { BlobStore } from '../store/blobStore.js';
import type { Db } from '../store/database.js';
import { putPageFirst } from '../ocr/putFirst.js';
import { acceptanceReport } from './acceptance.js';
import { loadCasePages } from './casePages.js';
import { catalogueCase } from './catalogueCase.js';
import { inCatalogueOrder } from './catalogueOrder.js';
import { confirmationOf, confirmedCatalogue } from './confirmedCatalogue.js';
import { extractFields } from './fields/index.js';
import { pageStates } from './pageStates.js';
import { PageViews } from './pageView.js';
import { saveCatalogue } from './saveCatalogue.js';
import { loadStandards } from './standards.js';

export interface CatalogueDeskDeps {
  db: Db;
  blobs: BlobStore;
  /** The shipped resources/catalogue unless a test or deployment says otherwise. */
  standardsDir?: string;
}

/** What the 编目 page calls: the machine's proposal or the confirmed catalogue, pages to check against, saving a person's decisions, the acceptance share. */
export class CatalogueDesk {
  private readonly views: PageViews;
  /**
   * What propose last showed for each case: the measure a save is judged against. Kept here, not
   * taken back from the caller, so a client cannot claim the machine proposed what the person chose.
   */
  private readonly offered = new Map<string, CatalogueDocument[]>();

  constructor(private readonly deps: CatalogueDeskDeps) {
    this.views = new PageViews(deps);
  }

  /** The confirmed catalogue when a person has saved one (pages added since proposed), else the machine's proposal; in catalogue order either way. */
  propose(caseNumber: string): CatalogueProposal {
    const { db, standardsDir } = this.deps;
    // One read transaction: the pages, their decisions and their states from the same moment.
    return db.transaction((): CatalogueProposal => {
      const { found, pages } = loadCasePages(db, caseNumber);
      const machine = () => catalogueCase(db, caseNumber, { standardsDir }).documents;
      const confirmed = confirmationOf(db, found.id);
      const documents: CatalogueDocument[] = confirmed ? confirmedCatalogue(db, found.id, pages, machine) : machine();
      const standard = loadStandards(standardsDir).forCaseType(found.typeCode);
      this.offered.set(found.number, documents);
      return { case: found, confirmed, documents: inCatalogueOrder(documents, standard), pages: pageStates(db, found.id) };
    })();
  }

  categories(caseNumber: string): CatalogueCategories {
    const found = getCase(this.deps.db, caseNumber);
    const standard = loadStandards(this.deps.standardsDir).forCaseType(found.typeCode);
    return {
      standard: { id: standard.id, name: standard.name },
      categories: [...standard.categories].sort((a, b) => a.order - b.order).map((c) => ({ id: c.id, name: c.name, order: c.order, aliases: c.aliases })),
    };
  }

  /** The page a person is looking at; if it still waits for OCR, it is recognised next. */
  page(pageId: number): Promise<CataloguePageView> {
    putPageFirst(this.deps.db, pageId);
    return this.views.view(pageId);
  }

  /**
   * Saves what a person confirmed, every document categorised. Documents the person split or
   * merged come without fields; theirs are extracted from their pages' text here.
   */
  save(caseNumber: string, documents: readonly CatalogueDocument[], actor: string): SaveCatalogueResult {
    const undecided = documents.findIndex((d) => d.category === null);
    if (undecided >= 0) {
      const d = documents[undecided];
      throw new CourtError('CATALOGUE_UNDECIDED', {
        message: `第 ${undecided + 1} 份材料（第 ${d.pages[0]}–${d.pages[1]} 页）还没有选择类别`,
        details: { index: undecided, pages: d.pages },
      });
    }
    const { db, standardsDir } = this.deps;
    const { found, pages } = loadCasePages(db, caseNumber);
    // Saved without a propose in this process (a restart in between): what propose would show now.
    const proposal = this.offered.get(found.number) ?? this.propose(found.number).documents;
    const withFields = documents.map((d) => {
      if (d.fields) return d;
      const text = pages
        .filter((p) => p.position >= d.pages[0] && p.position <= d.pages[1])
        .map((p) => p.text)
        .join('\n');
      return { ...d, fields: extractFields(text) };
    });
    // The parties a person saw and confirmed with the catalogue become the case's parties too.
    return db.transaction(() => {
      const saved = saveCatalogue(db, caseNumber, withFields, actor, { proposal, reviewed: true, standardsDir });
      const partiesAdded = addParties(db, caseNumber, withFields.flatMap((d) => d.fields?.parties ?? []), actor);
      return { ...saved, partiesAdded };
    })();
  }

  acceptance(): AcceptanceReportView {
    const report = acceptanceReport(this.deps.db);
    const standards = loadStandards(this.deps.standardsDir);
    return { ...report, categories: report.categories.map((c) => ({ ...c, name: c.category === null ? null : (standards.category(c.category)?.name ?? c.category) })) };
  }
}
