import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { resourcePath } from '../config/resources.js';
import { CourtError } from '../contract/index.js';
import { StandardSchema, type CategoryDef, type StandardDef } from './standardSchema.js';

/** A category as used at run time: its patterns compiled and its kinds resolved. */
export interface Category extends Omit<CategoryDef, 'kinds'> {
  kinds: string[];
  patterns: RegExp[];
}

export interface Standard extends Omit<StandardDef, 'categories'> {
  categories: Category[];
  /** File the standard was read from; '' for the general standard built from all of them. */
  file: string;
}

export interface StandardSet {
  standards: Standard[];
  /** Every category without a 案号 constraint, from all standards; used when the case type is unknown. */
  general: Standard;
  forCaseType(typeCode: string): Standard;
  category(id: string): Category | undefined;
}

export const defaultStandardsDir = resourcePath('catalogue');

function invalid(file: string, message: string, details: Record<string, unknown>): CourtError {
  return new CourtError('CATALOGUE_STANDARD_INVALID', {
    message: `编目标准文件 ${file} 有误：${message}`,
    messageEn: `Catalogue standard ${file} is invalid: ${String(details.entry ?? '')} ${String(details.problem ?? '')}`.trim(),
    details: { file, ...details },
  });
}

/** Names the entry an issue points at the way an administrator sees the file: the n-th category and its id. */
function describeIssue(raw: unknown, issue: z.core.$ZodIssue): { where: string; entry: string; categoryId?: string } {
  const path = issue.path;
  const entry = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
  if (path[0] === 'categories' && typeof path[1] === 'number') {
    const cats = (raw as { categories?: unknown[] }).categories;
    const rawId = (cats?.[path[1]] as { id?: unknown } | undefined)?.id;
    const categoryId = typeof rawId === 'string' ? rawId : undefined;
    const rest = entry.replace(/^categories\[\d+\]\.?/, '');
    return { where: `第 ${path[1] + 1} 个类别（id：${categoryId ?? '未填'}）${rest ? `的 ${rest}` : ''}`, entry, categoryId };
  }
  return { where: entry ? `字段 ${entry}` : '文件整体', entry };
}

function compile(def: StandardDef, file: string): Standard {
  return {
    ...def,
    file,
    categories: def.categories.map((c) => ({ ...c, kinds: c.kinds ?? [c.id], patterns: c.titlePatterns.map((p) => new RegExp(p, 'u')) })),
  };
}

function readStandard(dir: string, file: string): Standard {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  } catch (err) {
    const problem = err instanceof Error ? err.message : String(err);
    throw invalid(file, `不是有效的 JSON（${problem}）`, { entry: '', problem });
  }
  const parsed = StandardSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const { where, entry, categoryId } = describeIssue(raw, issue);
    throw invalid(file, `${where}：${issue.message}`, { entry, categoryId, problem: issue.message });
  }
  return compile(parsed.data, file);
}

/** The union of every category that can be decided from the text alone (no 案号 constraint). */
function buildGeneral(standards: Standard[]): Standard {
  const byId = new Map<string, Category>();
  for (const s of standards) {
    for (const c of s.categories) {
      if (c.documentCaseTypes) continue;
      const seen = byId.get(c.id);
      if (!seen) {
        byId.set(c.id, { ...c, titlePatterns: [...c.titlePatterns], aliases: [...c.aliases], kinds: [...c.kinds] });
        continue;
      }
      for (const p of c.titlePatterns) if (!seen.titlePatterns.includes(p)) seen.titlePatterns.push(p);
      for (const a of c.aliases) if (!seen.aliases.includes(a)) seen.aliases.push(a);
      for (const k of c.kinds) if (!seen.kinds.includes(k)) seen.kinds.push(k);
    }
  }
  const categories = [...byId.values()].map((c) => ({ ...c, patterns: c.titlePatterns.map((p) => new RegExp(p, 'u')) }));
  return {
    id: 'general',
    name: '通用（按材料内容）',
    caseTypes: [],
    source: { rule: '各编目标准的并集', urls: [], derived: true, note: '' },
    categories,
    file: '',
  };
}

function build(dir: string, files: string[]): StandardSet {
  const standards = files.map((f) => readStandard(dir, f));
  const owner = new Map<string, Standard>();
  for (const s of standards) {
    const twin = standards.find((o) => o !== s && o.id === s.id);
    if (twin) throw invalid(s.file, `标准 id “${s.id}” 与 ${twin.file} 重复`, { entry: 'id', problem: 'duplicate standard id' });
    for (const t of s.caseTypes) {
      const other = owner.get(t);
      if (other) throw invalid(s.file, `案件类型“${t}”已由 ${other.file} 编目，一个类型只能对应一个标准`, { entry: 'caseTypes', problem: `case type ${t} claimed twice` });
      owner.set(t, s);
    }
  }
  const general = buildGeneral(standards);
  const categories = new Map<string, Category>();
  for (const s of [general, ...standards]) for (const c of s.categories) if (!categories.has(c.id)) categories.set(c.id, c);
  return {
    standards,
    general,
    forCaseType: (typeCode) => owner.get(typeCode) ?? general,
    category: (id) => categories.get(id),
  };
}

const cache = new Map<string, { stamp: string; set: StandardSet }>();

/**
 * Reads and validates every standard (`*.json`) in the directory. Re-read when a file changes,
 * so an administrator's edit takes effect without a restart; a bad edit fails with the file and entry named.
 */
export function loadStandards(dir: string = defaultStandardsDir): StandardSet {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    files = [];
  }
  if (files.length === 0) throw new CourtError('CATALOGUE_STANDARD_MISSING', { details: { dir } });
  const stamp = files
    .map((f) => {
      const st = statSync(join(dir, f));
      return `${f}:${st.mtimeMs}:${st.size}`;
    })
    .join('|');
  const hit = cache.get(dir);
  if (hit?.stamp === stamp) return hit.set;
  const set = build(dir, files);
  cache.set(dir, { stamp, set });
  return set;
}
