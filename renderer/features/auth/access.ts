import type { Access, Role } from '../../../core/contract/index.js';

/** The same rule the dispatcher applies, so the UI offers only what the server will allow. */
export function mayCall(access: Access, roles: readonly Role[] | undefined): boolean {
  if (access === 'public') return true;
  if (!roles) return false;
  return access === 'signed-in' || roles.some((r) => access.includes(r));
}
