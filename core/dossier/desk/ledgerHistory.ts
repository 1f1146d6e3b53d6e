import { z } from 'zod';
import { getCase } from '../../cases/caseRepository.js';
import type { DossierLedger, LedgerEntry } from '../../contract/index.js';
import { treeSize } from '../../ledger/log.js';
import type { Db } from '../../store/database.js';

/** Checkpoints shown per case: one per export and a few periodic ones is the usual; older ones stay in the store. */
const MAX_CHECKPOINTS = 50;

/** The part of an export leaf's canonical JSON this view reads; the leaf is checked by the ledger, not here. */
const ExportLeafContentSchema = z.object({ pages: z.array(z.unknown()) });

function exportPages(leafInput: Buffer): number {
  const text = leafInput.toString('utf8');
  // kind ‖ "\n" ‖ subject ‖ "\n" ‖ content; a subject never holds a newline.
  const content = text.slice(text.indexOf('\n', text.indexOf('\n') + 1) + 1);
  try {
    return ExportLeafContentSchema.parse(JSON.parse(content)).pages.length;
  } catch {
    return 0;
  }
}

/**
 * The 防篡改日志 for one case: each export it logged, and each signed checkpoint whose tree
 * covers any of the case's entries (its pages or exports), newest first.
 */
export function dossierLedger(db: Db, caseNumber: string): DossierLedger {
  const found = getCase(db, caseNumber);
  const exports = db
    .prepare(`SELECT idx, appended_at, leaf_input FROM ledger_leaves WHERE kind = 'export' AND subject = ? ORDER BY idx`)
    .all(found.number) as { idx: number; appended_at: string; leaf_input: Buffer }[];
  const pageCounts = db
    .prepare(
      `SELECT count(*) AS total,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ledger_leaves l WHERE l.kind = 'page' AND l.subject = p.sha256)) AS logged,
              (SELECT min(l.idx) FROM ledger_leaves l JOIN pages q ON q.sha256 = l.subject WHERE l.kind = 'page' AND q.case_id = ?) AS first_page_leaf
         FROM pages p WHERE p.case_id = ?`,
    )
    .get(found.id, found.id) as { total: number; logged: number; first_page_leaf: number | null };
  const firstLeaf = Math.min(pageCounts.first_page_leaf ?? Infinity, exports[0]?.idx ?? Infinity);
  const checkpoints = Number.isFinite(firstLeaf)
    ? (db
        .prepare(`SELECT id, tree_size, root_hash, key_name, created_at FROM ledger_checkpoints WHERE tree_size > ? ORDER BY id DESC LIMIT ?`)
        .all(firstLeaf, MAX_CHECKPOINTS) as { id: number; tree_size: number; root_hash: Buffer; key_name: string; created_at: string }[])
    : [];
  const entries: LedgerEntry[] = [
    ...exports.map((e): LedgerEntry => ({ type: 'export', at: e.appended_at, leafIndex: e.idx, pages: exportPages(e.leaf_input) })),
    ...checkpoints.map((c): LedgerEntry => ({ type: 'checkpoint', at: c.created_at, id: c.id, size: c.tree_size, rootHash: c.root_hash.toString('hex'), keyName: c.key_name })),
  ];
  // An export's checkpoint is signed right after its leaf, in the same millisecond at most: the leaf goes below it.
  entries.sort((a, b) => b.at.localeCompare(a.at) || (a.type === 'checkpoint' ? -1 : 1) - (b.type === 'checkpoint' ? -1 : 1));
  return { treeSize: treeSize(db), pagesLogged: pageCounts.logged, pagesTotal: pageCounts.total, entries };
}
