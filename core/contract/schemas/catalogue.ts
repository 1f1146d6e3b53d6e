import { z } from 'zod';
import { CaseSchema, PartyRoleSchema, PartySchema } from './case.js';

const CategoryIdSchema = z.string().min(1).max(60);
const PositionSchema = z.number().int().positive();

/** What field extraction found in a document's text, shown for confirmation. */
export const CatalogueFieldsSchema = z.object({
  caseNumbers: z.array(z.string().max(64)).max(50),
  parties: z.array(z.object({ role: PartyRoleSchema, name: z.string().max(100) })).max(100),
  /** ISO dates. */
  dates: z.array(z.string().max(10)).max(100),
  /** Yuan, with the text as written (伍万元整). */
  amounts: z.array(z.object({ value: z.number(), text: z.string().max(60) })).max(100),
  courts: z.array(z.string().max(60)).max(20),
});
export type CatalogueFields = z.infer<typeof CatalogueFieldsSchema>;

export const CatalogueDocumentSchema = z.object({
  /** The standard's category id; null: the machine abstained and a person must decide. */
  category: CategoryIdSchema.nullable(),
  title: z.string().trim().max(200),
  /** First and last page position, inclusive. */
  pages: z.tuple([PositionSchema, PositionSchema]),
  /** The machine's confidence in split and category; null once a person changed the document. */
  confidence: z.number().min(0).max(1).nullable(),
  /** Left out for a document a person split or merged: the desk extracts its fields again. */
  fields: CatalogueFieldsSchema.optional(),
  /** A person confirmed this document in an earlier review. */
  confirmed: z.boolean().optional(),
});
export type CatalogueDocument = z.infer<typeof CatalogueDocumentSchema>;

export const ocrStates = ['none', 'queued', 'running', 'done', 'failed'] as const;

export const CataloguePageSchema = z.object({
  pageId: z.number().int(),
  position: PositionSchema,
  blank: z.boolean(),
  /** 'done' for a page with text, whichever way it came; 'none' when nothing recognised it yet. */
  ocr: z.enum(ocrStates),
  /** Mean word confidence of the recognition, 0–1; null without words. */
  ocrConfidence: z.number().min(0).max(1).nullable(),
});
export type CataloguePage = z.infer<typeof CataloguePageSchema>;

export const CatalogueProposalSchema = z.object({
  case: CaseSchema,
  /** A person's confirmed catalogue is shown instead of a fresh proposal; pages added since are proposed. */
  confirmed: z.object({ by: z.string(), at: z.string() }).nullable(),
  /** In the standard's prescribed order. Sent back unchanged as save's `proposal`. */
  documents: z.array(CatalogueDocumentSchema),
  pages: z.array(CataloguePageSchema),
});
export type CatalogueProposal = z.infer<typeof CatalogueProposalSchema>;

export const CatalogueCategorySchema = z.object({
  id: CategoryIdSchema,
  name: z.string(),
  /** Place in the prescribed sequence; categories of one published item share it. */
  order: z.number().int(),
  aliases: z.array(z.string()),
});
export type CatalogueCategory = z.infer<typeof CatalogueCategorySchema>;

export const CatalogueCategoriesSchema = z.object({
  standard: z.object({ id: z.string(), name: z.string() }),
  categories: z.array(CatalogueCategorySchema),
});
export type CatalogueCategories = z.infer<typeof CatalogueCategoriesSchema>;

export const CataloguePageRefSchema = z.object({ pageId: z.number().int().positive() });

export const CataloguePageViewSchema = z.object({
  pageId: z.number().int(),
  /** A JPEG large enough to read (at most 1000 px wide) as a data: URL; null when the page file cannot be read. */
  image: z.string().startsWith('data:image/').nullable(),
  text: z.string(),
  ocr: z.enum(ocrStates),
});
export type CataloguePageView = z.infer<typeof CataloguePageViewSchema>;

export const SaveCatalogueInputSchema = z.object({
  number: z.string().trim().min(1).max(64),
  /** In page order, covering the case's pages. What propose offered is measured against on the workstation, not sent back. */
  documents: z.array(CatalogueDocumentSchema).min(1).max(5000),
});
export type SaveCatalogueInput = z.infer<typeof SaveCatalogueInputSchema>;

export const SaveCatalogueResultSchema = z.object({
  documentIds: z.array(z.number().int()),
  /** Documents whose category differed from the proposal, added to the classifier's training data. */
  corrections: z.number().int(),
  /** Parties found in the confirmed documents that the case did not list yet, now added to it. */
  partiesAdded: z.array(PartySchema),
});
export type SaveCatalogueResult = z.infer<typeof SaveCatalogueResultSchema>;

const RateFields = {
  accepted: z.number().int(),
  pages: z.number().int(),
  /** accepted / pages; null before any page was confirmed. */
  rate: z.number().min(0).max(1).nullable(),
};

export const AcceptanceReportSchema = z.object({
  overall: z.object(RateFields),
  operators: z.array(z.object({ operator: z.string(), ...RateFields })),
  /** By the category the machine proposed; null: it abstained. */
  categories: z.array(z.object({ category: z.string().nullable(), name: z.string().nullable(), ...RateFields })),
});
export type AcceptanceReportView = z.infer<typeof AcceptanceReportSchema>;
