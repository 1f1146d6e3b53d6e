import { z } from 'zod';
import type { Turn } from './rotateMaster.js';

const BoxSchema = z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() });
const WordsSchema = z.array(z.looseObject({ bbox: BoxSchema }));
type Box = z.infer<typeof BoxSchema>;

/** A box in the turned page of size width × height (x1, y1 exclusive, as OCR gives them). */
function turnBox(b: Box, turn: Turn, size: { width: number; height: number }): Box {
  const { width, height } = size;
  if (turn === 90) return { x0: width - b.y1, y0: b.x0, x1: width - b.y0, y1: b.x1 };
  if (turn === 270) return { x0: b.y0, y0: height - b.x1, x1: b.y1, y1: height - b.x0 };
  return { x0: width - b.x1, y0: height - b.y1, x1: width - b.x0, y1: height - b.y0 };
}

/**
 * OCR words (stored JSON) with their boxes moved onto the turned page, so the dossier's text
 * layer still lies over the right pixels until the page is recognised again. Anything that is not
 * a list of boxed words is dropped (null) rather than left misplaced.
 */
export function turnWords(wordsJson: string, turn: Turn, turned: { width: number; height: number }): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(wordsJson);
  } catch {
    return null;
  }
  const words = WordsSchema.safeParse(parsed);
  if (!words.success) return null;
  return JSON.stringify(words.data.map((w) => ({ ...w, bbox: turnBox(w.bbox, turn, turned) })));
}
