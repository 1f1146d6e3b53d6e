import { z } from 'zod';

export const roles = ['scanner', 'judge', 'clerk', 'archivist', 'admin'] as const;
export const RoleSchema = z.enum(roles);
export type Role = z.infer<typeof RoleSchema>;

export const roleLabels: Record<Role, { zh: string; en: string }> = {
  scanner: { zh: '扫描员', en: 'Scanning clerk' },
  judge: { zh: '法官/法官助理', en: 'Judge / judge assistant' },
  clerk: { zh: '书记员', en: 'Court clerk' },
  archivist: { zh: '档案管理员', en: 'Archive staff' },
  admin: { zh: '管理员', en: 'Administrator' },
};
