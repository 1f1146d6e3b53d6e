import type { Role } from '../../core/contract/index.js';

export const navKeys = ['cases', 'scanning', 'cataloguing', 'dossier', 'drafting', 'archive', 'sync', 'settings'] as const;
export type NavKey = (typeof navKeys)[number];

/** Who sees which area; 'all' means every signed-in user. Order is the menu's order. */
const navAccess: Record<NavKey, readonly Role[] | 'all'> = {
  cases: 'all',
  scanning: ['scanner', 'admin'],
  cataloguing: ['scanner', 'clerk', 'admin'],
  dossier: 'all',
  drafting: ['judge'],
  archive: ['archivist', 'admin'],
  sync: ['admin', 'clerk'],
  settings: ['admin'],
};

export function navFor(roles: readonly Role[]): NavKey[] {
  return navKeys.filter((key) => {
    const access = navAccess[key];
    return access === 'all' || roles.some((r) => access.includes(r));
  });
}
