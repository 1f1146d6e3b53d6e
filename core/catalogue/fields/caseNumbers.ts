import { parseCaseNumber } from '../../cases/caseNumber.js';

/** (2024)苏0508民初1234号 with brackets of either width and OCR spacing; the 号 ends it. */
const CANDIDATE = /[（(]\s*[0-9０-９OoIl]{4}\s*[）)][^（()）\n。，；,;]{2,24}?号/gu;

/** OCR reads 0 as O and 1 as l or I inside digit runs. */
function repairDigits(s: string): string {
  return s.replace(/(?<=[0-9OoIl])[OoIl]|[OoIl](?=[0-9OoIl])/gu, (c) => (c === 'O' || c === 'o' ? '0' : '1'));
}

/** Valid 案号 in the text, canonical (full-width brackets), in order of first appearance. */
export function findCaseNumbers(text: string, now = new Date()): string[] {
  const found: string[] = [];
  for (const [candidate] of text.matchAll(CANDIDATE)) {
    try {
      const { canonical } = parseCaseNumber(repairDigits(candidate.replace(/\s+/g, '')), now);
      if (!found.includes(canonical)) found.push(canonical);
    } catch {
      // Not a 案号 (another kind of document number); the text may hold real ones further on.
    }
  }
  return found;
}
