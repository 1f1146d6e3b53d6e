import type { CataloguePage } from '../contract/index.js';
import type { Db } from '../store/database.js';

type OcrState = CataloguePage['ocr'];

interface Row {
  id: number;
  position: number;
  blank: number;
  job: OcrState | null;
  has_text: number;
  confidence: number | null;
}

/** A job still under way or failed says more than older text; text without a job came by import. */
export function ocrState(job: OcrState | null, hasText: boolean): OcrState {
  if (job && job !== 'done') return job;
  return hasText ? 'done' : 'none';
}

/** The case's pages in order with where their recognition stands and how sure the engine was. */
export function pageStates(db: Db, caseId: number): CataloguePage[] {
  const rows = db
    .prepare(
      `SELECT p.id, p.position, p.blank, j.status AS job, t.page_id IS NOT NULL AS has_text,
              (SELECT avg(json_extract(w.value, '$.conf')) FROM json_each(t.words_json) w
                WHERE json_extract(w.value, '$.conf') >= 0) AS confidence
         FROM pages p
         LEFT JOIN ocr_jobs j ON j.page_id = p.id
         LEFT JOIN page_text t ON t.page_id = p.id
        WHERE p.case_id = ? ORDER BY p.position, p.id`,
    )
    .all(caseId) as Row[];
  return rows.map((r) => ({
    pageId: r.id,
    position: r.position,
    blank: r.blank === 1,
    ocr: ocrState(r.job, r.has_text === 1),
    ocrConfidence: r.confidence === null ? null : Math.round(Math.min(100, Math.max(0, r.confidence)) * 10) / 1000,
  }));
}
