import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { resourcePath } from '../../config/resources.js';
import { CourtError } from '../../contract/index.js';
import type { Db } from '../../store/database.js';

export interface Example {
  id?: number;
  text: string;
  /** The document kind the classifier learns (a category id). */
  category: string;
}

export const defaultSeedFile = resourcePath('catalogue', 'seed', 'examples.json');

const SeedFileSchema = z.object({
  version: z.number().int(),
  note: z.string().optional(),
  examples: z.array(z.strictObject({ category: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/), text: z.string().trim().min(4) })).min(1),
});

export interface SeedSet {
  hash: string;
  examples: Example[];
}

const seedCache = new Map<string, SeedSet>();

/** The shipped seed examples, validated; a broken file names itself and the bad entry. */
export function loadSeedExamples(file: string = defaultSeedFile): SeedSet {
  const hit = seedCache.get(file);
  if (hit) return hit;
  let bytes: string;
  let raw: unknown;
  try {
    bytes = readFileSync(file, 'utf8');
    raw = JSON.parse(bytes);
  } catch (err) {
    throw new CourtError('CATALOGUE_STANDARD_INVALID', {
      message: `编目训练样例文件 ${file} 无法读取：${err instanceof Error ? err.message : String(err)}`,
      details: { file },
    });
  }
  const parsed = SeedFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const entry = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    throw new CourtError('CATALOGUE_STANDARD_INVALID', {
      message: `编目训练样例文件 ${file} 的 ${entry} 有误：${issue.message}`,
      details: { file, entry, problem: issue.message },
    });
  }
  const set = { hash: createHash('sha256').update(bytes).digest('hex'), examples: parsed.data.examples };
  seedCache.set(file, set);
  return set;
}

const SEED_HASH_KEY = 'seed_examples_sha256';

/** Puts the shipped seed examples into training_examples, replacing older seeds when the file changed. */
export function syncSeedExamples(db: Db, seeds: SeedSet): void {
  const stored = db.prepare('SELECT value FROM catalogue_meta WHERE key = ?').pluck().get(SEED_HASH_KEY) as string | undefined;
  if (stored === seeds.hash) return;
  db.transaction(() => {
    db.prepare("DELETE FROM training_examples WHERE source = 'seed'").run();
    const insert = db.prepare("INSERT INTO training_examples (text, category, source, created_by) VALUES (?, ?, 'seed', 'system')");
    for (const e of seeds.examples) insert.run(e.text, e.category);
    db.prepare('INSERT INTO catalogue_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(SEED_HASH_KEY, seeds.hash);
  })();
}

export function seedHashOf(db: Db): string {
  return (db.prepare('SELECT value FROM catalogue_meta WHERE key = ?').pluck().get(SEED_HASH_KEY) as string | undefined) ?? '';
}

export function examplesAfter(db: Db, id: number): Required<Example>[] {
  return db.prepare('SELECT id, text, category FROM training_examples WHERE id > ? ORDER BY id').all(id) as Required<Example>[];
}

export function insertExample(db: Db, e: Example & { source: 'seed' | 'human'; createdBy: string }): number {
  const { lastInsertRowid } = db
    .prepare('INSERT INTO training_examples (text, category, source, created_by) VALUES (?, ?, ?, ?)')
    .run(e.text, e.category, e.source, e.createdBy);
  return Number(lastInsertRowid);
}
