import { z } from 'zod';

export const partyRoles = ['原告', '被告', '第三人', '上诉人', '被上诉人', '申请人', '被申请人', '被执行人', '申请执行人', '被告人', '自诉人', '公诉机关'] as const;
export const PartyRoleSchema = z.enum(partyRoles);

export const PartySchema = z.object({ role: PartyRoleSchema, name: z.string().trim().min(1).max(100) });
export type Party = z.infer<typeof PartySchema>;

export const CaseSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  year: z.number().int(),
  courtCode: z.string(),
  typeCode: z.string(),
  sequence: z.number().int(),
  title: z.string(),
  parties: z.array(PartySchema),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Case = z.infer<typeof CaseSchema>;

export const CreateCaseInputSchema = z.object({
  number: z.string().trim().min(1).max(64),
  title: z.string().trim().max(200).optional(),
  type: z.string().trim().max(8).optional(),
  parties: z.array(PartySchema).max(50).optional(),
});
export type CreateCaseInput = z.infer<typeof CreateCaseInputSchema>;

export const ListCasesInputSchema = z.object({
  query: z.string().trim().max(100).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

export const CaseRefSchema = z.object({ number: z.string().trim().min(1).max(64) });
