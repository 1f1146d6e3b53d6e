import type { Db } from '../store/database.js';
import { loadCasePages } from './casePages.js';

export interface AcceptanceRate {
  /** Pages whose document has the category the machine proposed for them. */
  accepted: number;
  /** Pages with a machine proposal that a person has confirmed. */
  pages: number;
  /** accepted / pages, or null before any confirmed page. */
  rate: number | null;
}

export interface AcceptanceReport {
  overall: AcceptanceRate;
  /** Per person who last confirmed the pages, most pages first. */
  operators: (AcceptanceRate & { operator: string })[];
  /** Per category the machine proposed (null: it abstained), most pages first: where it is wrong most. */
  categories: (AcceptanceRate & { category: string | null })[];
}

const rate = (accepted: number, pages: number): AcceptanceRate => ({
  accepted,
  pages,
  rate: pages === 0 ? null : Math.round((accepted / pages) * 10000) / 10000,
});

/** Only pages a person confirmed in the verification desk count: an unreviewed save proves nothing. */
const CONFIRMED = `
  FROM catalogue_proposals cp
  JOIN pages p ON p.id = cp.page_id
  LEFT JOIN documents d ON d.id = p.document_id
 WHERE cp.decided_by IS NOT NULL AND (@caseId IS NULL OR p.case_id = @caseId)`;
const COUNTS = 'COUNT(*) AS pages, COALESCE(SUM(cp.category IS NOT NULL AND d.category IS cp.category), 0) AS accepted';

type Counts = { pages: number; accepted: number };

/** Supervisor metric: the share of confirmed pages whose machine category stood without change. */
export function acceptanceRate(db: Db, options: { caseNumber?: string } = {}): AcceptanceRate {
  const caseId = options.caseNumber === undefined ? null : loadCasePages(db, options.caseNumber).found.id;
  const row = db.prepare(`SELECT ${COUNTS} ${CONFIRMED}`).get({ caseId }) as Counts;
  return rate(row.accepted, row.pages);
}

function grouped(db: Db, column: 'cp.decided_by' | 'cp.category'): (Counts & { key: string | null })[] {
  return db.prepare(`SELECT ${column} AS key, ${COUNTS} ${CONFIRMED} GROUP BY ${column} ORDER BY pages DESC, key`).all({ caseId: null }) as (Counts & { key: string | null })[];
}

/** The acceptance share overall, per operator and per proposed category, over every case. */
export function acceptanceReport(db: Db): AcceptanceReport {
  return {
    overall: acceptanceRate(db),
    // decided_by is never null among confirmed pages.
    operators: grouped(db, 'cp.decided_by').map((r) => ({ operator: r.key ?? '', ...rate(r.accepted, r.pages) })),
    categories: grouped(db, 'cp.category').map((r) => ({ category: r.key, ...rate(r.accepted, r.pages) })),
  };
}
