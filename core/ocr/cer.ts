/**
 * Character error rate: Levenshtein distance over Unicode characters divided by the length
 * of the reference, whitespace ignored on both sides (Chinese has no word spaces, and line
 * wrapping is not a recognition error). Used to measure OCR quality against ground truth.
 */
export function characterErrorRate(reference: string, hypothesis: string): number {
  const ref = [...reference.replace(/\s+/gu, '')];
  const hyp = [...hypothesis.replace(/\s+/gu, '')];
  if (ref.length === 0) return hyp.length === 0 ? 0 : 1;
  return editDistance(ref, hyp) / ref.length;
}

function editDistance(a: string[], b: string[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let row = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    [prev, row] = [row, prev];
  }
  return prev[b.length];
}
