import { createHash } from 'node:crypto';
import { CourtError } from '../contract/index.js';
import { appendAudit } from '../store/audit.js';
import type { Db } from '../store/database.js';
import { asKindModel, classifierFor } from './classifier/model.js';
import { insertExample } from './classifier/trainingData.js';
import { loadStandards } from './standards.js';

/** Enough of a long document to learn from; the classifier reads only the opening anyway. */
const MAX_EXAMPLE_CHARS = 20_000;

export interface Correction {
  exampleId: number;
  /** The label stored for training: the category's kind (原审判决书 is learnt as 判决书). */
  kind: string;
}

/**
 * Teaches the classifier a person's decision: the document text becomes a training example of
 * the chosen category, audited, and the model picks it up on its next use without a full retrain.
 */
export function recordCorrection(db: Db, docText: string, category: string, user: string, options: { standardsDir?: string } = {}): Correction {
  const found = loadStandards(options.standardsDir).category(category);
  if (!found) throw new CourtError('CATALOGUE_CATEGORY_UNKNOWN', { message: `未知的材料类别“${category}”`, details: { category } });
  const text = docText.trim().slice(0, MAX_EXAMPLE_CHARS);
  if (!text) {
    throw new CourtError('INVALID_INPUT', {
      message: '该材料没有识别出文字，无法用于训练编目模型',
      messageEn: 'The document has no text to learn from',
      remedy: '请先完成文字识别，再提交更正',
    });
  }
  const kind =
    found.kinds.length === 1
      ? found.kinds[0]
      : (asKindModel(classifierFor(db))(text).find((k) => found.kinds.includes(k.label))?.label ?? found.kinds[0]);
  return db.transaction(() => {
    const exampleId = insertExample(db, { text, category: kind, source: 'human', createdBy: user });
    appendAudit(db, {
      actor: user,
      action: 'catalogue.correct',
      subject: `training-example:${exampleId}`,
      after: { category, kind, chars: text.length, sha256: createHash('sha256').update(text).digest('hex') },
    });
    return { exampleId, kind };
  })();
}
