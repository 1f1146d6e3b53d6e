import { isDeepStrictEqual } from 'node:util';
import type { Party } from '../contract/schemas/case.js';

/** The case fields the court's case-management system owns. Everything else about a case is local. */
export interface AssignmentFields {
  title: string;
  parties: Party[];
}

export const assignmentFieldNames = ['title', 'parties'] as const satisfies readonly (keyof AssignmentFields)[];

export interface FieldConflict {
  field: keyof AssignmentFields;
  local: unknown;
  server: unknown;
}

const isEmpty = (v: unknown) => v === '' || (Array.isArray(v) && v.length === 0);

/**
 * The conflict rule: for assignment fields the server wins, always. It is a conflict worth
 * reporting when the workstation had its own value there, i.e. it differs from what the server sent
 * last time (`base`; with no base, any non-empty local value) and from what the server sends now.
 * Local-only fields are never touched.
 */
export function mergeAssignment(
  base: AssignmentFields | null,
  local: AssignmentFields,
  server: AssignmentFields,
): { changes: Partial<AssignmentFields>; conflicts: FieldConflict[] } {
  const changes: Partial<AssignmentFields> = {};
  const conflicts: FieldConflict[] = [];
  for (const field of assignmentFieldNames) {
    if (isDeepStrictEqual(local[field], server[field])) continue;
    Object.assign(changes, { [field]: server[field] });
    const editedLocally = base ? !isDeepStrictEqual(local[field], base[field]) : !isEmpty(local[field]);
    if (editedLocally) conflicts.push({ field, local: local[field], server: server[field] });
  }
  return { changes, conflicts };
}
