import { describe, expect, it } from 'vitest';
import { mayCall } from '../../renderer/features/auth/access.js';
import { navFor } from '../../renderer/shell/navigation.js';
import { contract } from '../../core/contract/index.js';

describe('navigation per role', () => {
  it('gives each role its areas, cases and dossier to everyone', () => {
    expect(navFor(['scanner'])).toEqual(['cases', 'scanning', 'cataloguing', 'dossier']);
    expect(navFor(['clerk'])).toEqual(['cases', 'cataloguing', 'dossier', 'sync']);
    expect(navFor(['judge'])).toEqual(['cases', 'dossier', 'drafting']);
    expect(navFor(['archivist'])).toEqual(['cases', 'dossier', 'archive']);
    expect(navFor(['admin'])).toEqual(['cases', 'scanning', 'cataloguing', 'dossier', 'archive', 'sync', 'settings']);
  });

  it('unites the areas of several roles without repeating any', () => {
    expect(navFor(['judge', 'archivist'])).toEqual(['cases', 'dossier', 'drafting', 'archive']);
  });

  it('offers 新建案件 only to roles the contract lets create cases', () => {
    const access = contract.cases.create.access;
    expect(mayCall(access, ['archivist'])).toBe(false);
    expect(mayCall(access, ['scanner'])).toBe(true);
    expect(mayCall(access, ['archivist', 'clerk'])).toBe(true);
    expect(mayCall('signed-in', [])).toBe(true);
    expect(mayCall('signed-in', undefined)).toBe(false);
  });
});
