import { roles } from '../../core/contract/roles.js';

/** The workstation roles plus `cms`, the service account of the court's case-management system. */
export const serverRoles = [...roles, 'cms'] as const;
export type ServerRole = (typeof serverRoles)[number];

export type Capability = 'upload' | 'pullAssignments' | 'syncEvents' | 'readDossiers' | 'pushAssignments' | 'admin';

/** Who may do what; uploads and assignment pulls additionally need a token bound to an enrolled workstation. */
const grants: Record<Capability, readonly ServerRole[]> = {
  upload: ['scanner', 'clerk', 'archivist'],
  pullAssignments: ['scanner', 'judge', 'clerk', 'archivist'],
  syncEvents: ['scanner', 'judge', 'clerk', 'archivist'],
  readDossiers: ['judge', 'archivist', 'admin', 'cms'],
  pushAssignments: ['cms', 'admin'],
  admin: ['admin'],
};

export const workstationCapabilities: ReadonlySet<Capability> = new Set(['upload', 'pullAssignments', 'syncEvents']);

export function may(userRoles: readonly string[], capability: Capability): boolean {
  return grants[capability].some((r) => userRoles.includes(r));
}
