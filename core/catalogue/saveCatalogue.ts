import { z } from 'zod';
import { CourtError } from '../contract/index.js';
import { appendAudit } from '../store/audit.js';
import type { Db } from '../store/database.js';
import { loadCasePages, type CasePage } from './casePages.js';
import { recordCorrection } from './corrections.js';
import { inCatalogueOrder } from './catalogueOrder.js';
import { confirmationOf } from './confirmedCatalogue.js';
import { loadStandards } from './standards.js';

const DocumentSchema = z.object({
  category: z.string().min(1).max(60).nullable(),
  title: z.string().trim().max(200),
  pages: z.tuple([z.number().int(), z.number().int()]),
  confidence: z.number().min(0).max(1).nullable().optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
});
const DocumentsSchema = z.array(DocumentSchema).max(5000);

export type SaveDocument = z.infer<typeof DocumentSchema>;

export interface SaveOptions {
  /**
   * What the person started from (catalogueCase's documents, or what the verification desk last
   * offered): recorded per page, and every category the person changed is learnt.
   */
  proposal?: unknown;
  /**
   * The person checked the whole catalogue in the verification desk: the case shows as confirmed
   * and its pages count towards the acceptance share, attributed to the actor. Without it (a
   * machine catalogue saved from the CLI) a case a person has confirmed is refused.
   */
  reviewed?: boolean;
  standardsDir?: string;
}

export interface SaveResult {
  documentIds: number[];
  /** Documents whose category differed from the proposal and were added to the training data. */
  corrections: number;
}

function parseDocuments(input: unknown, what: string): SaveDocument[] {
  const parsed = DocumentsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new CourtError('INVALID_INPUT', { message: `${what}格式有误：${issue.path.join('.')} ${issue.message}`, details: { path: issue.path.map(String) } });
}

/** Ranges in order, inside the case, not overlapping, each holding at least one page. */
function checkRanges(docs: readonly SaveDocument[], pages: readonly CasePage[]): void {
  let lastEnd = -Infinity;
  docs.forEach((d, i) => {
    const [from, to] = d.pages;
    const why =
      from > to ? '起始页大于结束页'
      : from <= lastEnd ? '与前一份材料重叠或顺序颠倒'
      : !pages.some((p) => p.position >= from && p.position <= to) ? '范围内没有本案的页面'
      : null;
    if (why) {
      throw new CourtError('CATALOGUE_PAGES_INVALID', {
        message: `第 ${i + 1} 份材料（${d.title || '未命名'}）的页码范围 ${from}–${to} 有误：${why}`,
        details: { index: i, pages: d.pages },
      });
    }
    lastEnd = to;
  });
}

const inRange = (p: CasePage, d: SaveDocument) => p.position >= d.pages[0] && p.position <= d.pages[1];

/** The machine's category for the most pages of a document. */
function machineCategory(pages: CasePage[], proposed: Map<number, string | null>): string | null {
  const votes = new Map<string | null, number>();
  for (const p of pages) if (proposed.has(p.id)) votes.set(proposed.get(p.id)!, (votes.get(proposed.get(p.id)!) ?? 0) + 1);
  let best: string | null = null;
  let most = 0;
  for (const [c, n] of votes) if (n > most) [best, most] = [c, n];
  return best;
}

function currentCatalogue(db: Db, caseId: number) {
  return db
    .prepare(
      `SELECT d.category, d.title, MIN(p.position) AS first, MAX(p.position) AS last
         FROM documents d LEFT JOIN pages p ON p.document_id = d.id
        WHERE d.case_id = ? GROUP BY d.id ORDER BY d.position`,
    )
    .all(caseId);
}

/**
 * Stores the catalogue a person confirmed: replaces the case's documents (given in page order,
 * stored in the standard's prescribed order), links their pages, writes a catalogue entry per
 * categorised document, records the machine's proposal per page and learns from every category
 * the person changed, all in one transaction audited with what the person started from.
 */
export function saveCatalogue(db: Db, caseNumber: string, documents: unknown, actor: string, options: SaveOptions = {}): SaveResult {
  const docs = parseDocuments(documents, '编目结果');
  const proposal = options.proposal === undefined ? undefined : parseDocuments(options.proposal, '编目建议');
  const standards = loadStandards(options.standardsDir);
  docs.forEach((d, i) => {
    if (d.category !== null && !standards.category(d.category)) {
      throw new CourtError('CATALOGUE_CATEGORY_UNKNOWN', { message: `第 ${i + 1} 份材料的类别“${d.category}”不在编目标准中`, details: { index: i, category: d.category } });
    }
  });
  const { found, pages } = loadCasePages(db, caseNumber);
  const confirmed = options.reviewed ? null : confirmationOf(db, found.id);
  if (confirmed) {
    throw new CourtError('CATALOGUE_CONFIRMED', {
      message: `案件 ${found.number} 的编目已由 ${confirmed.by} 人工确认，机器编目不能覆盖`,
      details: { number: found.number, confirmedBy: confirmed.by, confirmedAt: confirmed.at },
    });
  }
  checkRanges(docs, pages);
  // documents.position is what the e-dossier and its 卷内目录 are ordered by.
  const positions = new Map(inCatalogueOrder(docs, standards.forCaseType(found.typeCode)).map((d, i) => [d, i + 1]));
  const proposed = new Map<number, string | null>();
  const proposedConfidence = new Map<number, number | null>();
  for (const d of proposal ?? []) {
    for (const p of pages.filter((page) => inRange(page, d))) {
      proposed.set(p.id, d.category);
      proposedConfidence.set(p.id, d.confidence ?? null);
    }
  }
  return db.transaction((): SaveResult => {
    const before = currentCatalogue(db, found.id);
    db.prepare('UPDATE pages SET document_id = NULL WHERE case_id = ?').run(found.id);
    db.prepare('DELETE FROM documents WHERE case_id = ?').run(found.id);
    const insertDoc = db.prepare('INSERT INTO documents (case_id, position, category, title) VALUES (?, ?, ?, ?)');
    const linkPages = db.prepare('UPDATE pages SET document_id = ? WHERE case_id = ? AND position BETWEEN ? AND ?');
    const insertEntry = db.prepare('INSERT INTO catalogue_entries (document_id, category, confidence, fields_json, decided_by) VALUES (?, ?, ?, ?, ?)');
    const documentIds: number[] = [];
    let corrections = 0;
    const decisions: { category: string | null; title: string; pages: [number, number]; proposed?: string | null }[] = [];
    docs.forEach((d) => {
      const documentId = Number(insertDoc.run(found.id, positions.get(d)!, d.category, d.title).lastInsertRowid);
      documentIds.push(documentId);
      linkPages.run(documentId, found.id, d.pages[0], d.pages[1]);
      const own = pages.filter((p) => inRange(p, d));
      const machine = proposal ? machineCategory(own, proposed) : undefined;
      decisions.push({ category: d.category, title: d.title, pages: d.pages, ...(machine === undefined ? {} : { proposed: machine }) });
      if (d.category === null) return;
      const confidence = machine === undefined ? (d.confidence ?? null) : machine === d.category ? (proposedConfidence.get(own[0].id) ?? null) : null;
      insertEntry.run(documentId, d.category, confidence, d.fields ? JSON.stringify(d.fields) : null, actor);
      const text = own.map((p) => p.text).join('\n');
      if (machine !== undefined && machine !== d.category && text.trim()) {
        recordCorrection(db, text, d.category, actor, { standardsDir: options.standardsDir });
        corrections += 1;
      }
    });
    if (proposal) {
      // A page a person has decided keeps the proposal that decision was measured against: on a
      // second review the "proposal" is the first review's result, not the machine's.
      const upsert = db.prepare(
        `INSERT INTO catalogue_proposals (page_id, category, confidence) VALUES (?, ?, ?)
         ON CONFLICT(page_id) DO UPDATE SET category = excluded.category, confidence = excluded.confidence, proposed_at = excluded.proposed_at
         WHERE catalogue_proposals.decided_by IS NULL`,
      );
      for (const [pageId, category] of proposed) upsert.run(pageId, category, proposedConfidence.get(pageId) ?? null);
    }
    if (options.reviewed) {
      db.prepare(
        `UPDATE catalogue_proposals SET decided_by = ?, decided_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
          WHERE page_id IN (SELECT id FROM pages WHERE case_id = ?)`,
      ).run(actor, found.id);
    }
    appendAudit(db, {
      actor,
      action: 'catalogue.save',
      subject: `case:${found.number}`,
      before,
      after: { documents: decisions, corrections, reviewed: options.reviewed === true },
    });
    return { documentIds, corrections };
  })();
}
