/** Chinese is written without spaces, so words are never split on whitespace: features are runs of Hanzi cut into 1–3-grams. */
const HAN_RUN = /[\p{Script=Han}]+/gu;
const MAX_N = 3;
/** The opening of a document says most about what it is; long documents add little but time. */
const MAX_CHARS = 3000;

function addGrams(text: string, into: Map<string, number>): void {
  for (const [run] of text.matchAll(HAN_RUN)) {
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      let gram = '';
      for (let n = 1; n <= MAX_N && i + n <= chars.length; n++) {
        gram += chars[i + n - 1];
        into.set(gram, (into.get(gram) ?? 0) + 1);
      }
    }
  }
}

/** Term weights damped with log(1 + count), so a character repeated down a page does not drown the rest. */
export function textFeatures(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  addGrams(text.slice(0, MAX_CHARS), counts);
  for (const [k, v] of counts) counts.set(k, Math.log1p(v));
  return counts;
}
