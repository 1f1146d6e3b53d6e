import type { Db } from '../../store/database.js';
import { CentroidClassifier } from './centroid.js';
import { textFeatures } from './ngrams.js';
import { examplesAfter, loadSeedExamples, seedHashOf, syncSeedExamples, type Example } from './trainingData.js';

/** Kind probabilities for a text, highest first. */
export type KindModel = (text: string) => { label: string; probability: number }[];

export function trainModel(examples: readonly Example[]): CentroidClassifier {
  const model = new CentroidClassifier();
  for (const e of examples) model.add(textFeatures(e.text), e.category);
  return model;
}

export function asKindModel(model: CentroidClassifier): KindModel {
  return (text) => model.predict(textFeatures(text));
}

interface Cached {
  seedHash: string;
  lastId: number;
  model: CentroidClassifier;
}

const byDb = new WeakMap<Db, Cached>();
let seedOnly: CentroidClassifier | undefined;

/**
 * The classifier for a store: seeds plus every human correction, trained from training_examples
 * the first time (a few milliseconds for hundreds of examples) and then extended with rows added
 * since, including rows written by another process (CLI and app share the store).
 * Without a store: the seed examples alone.
 */
export function classifierFor(db?: Db): CentroidClassifier {
  const seeds = loadSeedExamples();
  if (!db) return (seedOnly ??= trainModel(seeds.examples));
  syncSeedExamples(db, seeds);
  const seedHash = seedHashOf(db);
  let cached = byDb.get(db);
  if (!cached || cached.seedHash !== seedHash) {
    cached = { seedHash, lastId: 0, model: new CentroidClassifier() };
    byDb.set(db, cached);
  }
  for (const row of examplesAfter(db, cached.lastId)) {
    cached.model.add(textFeatures(row.text), row.category);
    cached.lastId = row.id;
  }
  return cached.model;
}
