import type { DossierOutline } from '../../contract/index.js';
import type { Db } from '../../store/database.js';
import { loadDossier } from '../model.js';

/** The case's documents in catalogue order with page ranges: the same model the export renders, so the numbers match the PDF's. */
export function dossierOutline(db: Db, caseNumber: string): DossierOutline {
  const model = loadDossier(db, caseNumber);
  let position = 0;
  const documents = model.documents.map((d) => {
    const pages = d.pages.map((p) => ({
      pageId: p.id,
      position: ++position,
      sha256: p.sha256,
      mediaType: p.mediaType,
      width: p.width,
      height: p.height,
      dpi: p.dpi,
    }));
    return { title: d.title, category: d.category, firstPage: pages[0].position, lastPage: pages[pages.length - 1].position, pages };
  });
  return { case: model.case, pages: position, documents };
}
