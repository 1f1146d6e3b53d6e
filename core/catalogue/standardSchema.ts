import { z } from 'zod';
import { caseTypeCodes } from '../cases/caseTypes.js';

const regexString = z.string().min(1).superRefine((source, ctx) => {
  try {
    new RegExp(source, 'u');
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `正则表达式无效（${err instanceof Error ? err.message : String(err)}）` });
  }
});

const caseTypeCode = z.string().refine((code) => Object.hasOwn(caseTypeCodes, code), { message: '不是已知的案件类型代字（见 core/cases/caseTypes.ts）' });

/** A category id is also the label the classifier learns, so it stays ASCII and stable while names may be edited. */
const categoryId = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, '类别 id 只能用小写字母、数字和连字符，且以字母开头');

export const CategorySchema = z.strictObject({
  id: categoryId,
  name: z.string().trim().min(1).max(40),
  /** Position in the prescribed sequence; categories from the same published item share a number. */
  order: z.number().int().min(1).max(999),
  /** Which item of the published rule this category follows, e.g. 第十二条(3). */
  rule: z.string().max(200).default(''),
  /** Matched against a title line near the top of a page, with spaces and decorations removed. */
  titlePatterns: z.array(regexString).min(1),
  aliases: z.array(z.string().trim().min(1)).default([]),
  /** Document kinds (classifier labels) this category accepts; defaults to its own id. */
  kinds: z.array(categoryId).min(1).optional(),
  /** The category applies only when the document's own 案号 has one of these type codes (e.g. 原审判决书 ← 民初). */
  documentCaseTypes: z.array(caseTypeCode).min(1).optional(),
});

export const StandardSchema = z
  .strictObject({
    id: categoryId,
    name: z.string().trim().min(1).max(60),
    /** 类型代字 of the cases catalogued by this standard. */
    caseTypes: z.array(caseTypeCode).min(1),
    source: z.strictObject({
      rule: z.string().min(1),
      urls: z.array(z.url()).default([]),
      /** True when no published list was found and the order was derived (see README). */
      derived: z.boolean(),
      note: z.string().default(''),
    }),
    categories: z.array(CategorySchema).min(1),
  })
  .superRefine((standard, ctx) => {
    const seen = new Set<string>();
    standard.categories.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['categories', i, 'id'], message: `类别 id “${c.id}” 重复` });
      seen.add(c.id);
    });
  });

export type CategoryDef = z.infer<typeof CategorySchema>;
export type StandardDef = z.infer<typeof StandardSchema>;
