import type { Mode, Source } from './scannerPort.js';

interface Rule {
  include: RegExp;
  exclude?: RegExp;
}

/**
 * Backends name the same thing many ways ("ADF", "Automatic Document Feeder", "ADF Front",
 * "ADF Duplex"). Each of our names has words that must appear and words that must not, so a
 * request for the feeder never picks the duplex feeder or its back side.
 */
const sourceRules: Record<Source, Rule> = {
  flatbed: { include: /flatbed|platen|normal|glass/i },
  adf: { include: /adf|feeder|automatic document/i, exclude: /duplex|back|rear|card/i },
  'adf-duplex': { include: /duplex/i, exclude: /card/i },
};

const modeRules: Record<Mode, Rule> = {
  color: { include: /colou?r|rgb/i, exclude: /lineart|halftone|24bit.*gr/i },
  // Brother's "Gray[Error Diffusion]" is dithered black and white, not gray.
  gray: { include: /gr[ae]y/i, exclude: /diffusion|dither|halftone/i },
  lineart: { include: /lineart|line art|binary|black ?(&|and) ?white|bw|monochrome/i, exclude: /gr[ae]y|halftone/i },
};

function pick(rule: Rule, values: readonly string[]): string | undefined {
  return values.find((v) => rule.include.test(v) && !rule.exclude?.test(v));
}

export function matchSource(wanted: Source, values: readonly string[]): string | undefined {
  return pick(sourceRules[wanted], values);
}

export function matchMode(wanted: Mode, values: readonly string[]): string | undefined {
  return pick(modeRules[wanted], values);
}

/** Which of our sources and modes a device offers, keyed to its own value names. */
export function offeredSources(values: readonly string[]): Partial<Record<Source, string>> {
  const out: Partial<Record<Source, string>> = {};
  for (const s of Object.keys(sourceRules) as Source[]) {
    const v = matchSource(s, values);
    if (v) out[s] = v;
  }
  return out;
}

export function offeredModes(values: readonly string[], depths: readonly number[]): Mode[] {
  const out = (Object.keys(modeRules) as Mode[]).filter((m) => matchMode(m, values));
  // Some backends (SANE's test device among them) give lineart as gray at depth 1.
  if (!out.includes('lineart') && out.includes('gray') && depths.includes(1)) out.push('lineart');
  return out;
}
