/** A JPEG Huffman table as DHT carries it: how many codes of each length 1–16, then the symbols in code order. */
export interface HuffmanSpec {
  counts: Uint8Array;
  symbols: Uint8Array;
}

/** Codes of up to this many bits are decoded with one table lookup. */
export const LOOKAHEAD = 9;

export interface HuffmanDecoder {
  /** Indexed by the next LOOKAHEAD bits: (length << 8) | symbol, or 0 when the code is longer. */
  lookup: Uint16Array;
  /** Largest code of each length (1–16), -1 where there is none. */
  maxCode: Int32Array;
  /** Index in symbols of the first code of each length, minus that code. */
  offset: Int32Array;
  symbols: Uint8Array;
}

export interface HuffmanEncoder {
  code: Uint32Array;
  size: Uint8Array;
}

/** Canonical codes in symbol order (ITU T.81 Annex C). */
function canonicalCodes(spec: HuffmanSpec): { code: number; size: number }[] {
  const out: { code: number; size: number }[] = [];
  let code = 0;
  for (let len = 1; len <= 16; len++) {
    for (let i = 0; i < spec.counts[len - 1]; i++) out.push({ code: code++, size: len });
    code <<= 1;
  }
  return out;
}

export function huffmanDecoder(spec: HuffmanSpec): HuffmanDecoder {
  const codes = canonicalCodes(spec);
  const lookup = new Uint16Array(1 << LOOKAHEAD);
  const maxCode = new Int32Array(18).fill(-1);
  const offset = new Int32Array(18);
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    const n = spec.counts[len - 1];
    if (n > 0) {
      offset[len] = k - codes[k].code;
      maxCode[len] = codes[k + n - 1].code;
    }
    k += n;
  }
  codes.forEach(({ code, size }, i) => {
    if (size > LOOKAHEAD) return;
    const spread = LOOKAHEAD - size;
    const first = code << spread;
    for (let j = 0; j < 1 << spread; j++) lookup[first + j] = (size << 8) | spec.symbols[i];
  });
  return { lookup, maxCode, offset, symbols: spec.symbols };
}

export function huffmanEncoder(spec: HuffmanSpec): HuffmanEncoder {
  const code = new Uint32Array(256);
  const size = new Uint8Array(256);
  canonicalCodes(spec).forEach((c, i) => {
    code[spec.symbols[i]] = c.code;
    size[spec.symbols[i]] = c.size;
  });
  return { code, size };
}

/**
 * The optimal table for these symbol counts, code lengths limited to 16 bits and no code of all
 * ones (ITU T.81 Annex K.2, figures K.1–K.3). A symbol never used gets no code.
 */
export function optimalHuffman(frequencies: ArrayLike<number>): HuffmanSpec {
  const freq = new Float64Array(257);
  for (let i = 0; i < 256; i++) freq[i] = frequencies[i] ?? 0;
  // A table must hold at least one code to be written at all.
  if (!freq.subarray(0, 256).some((f) => f > 0)) freq[0] = 1;
  // The reserved symbol 256 takes the all-ones code, which is then dropped.
  freq[256] = 1;
  const codeSize = new Int32Array(257);
  const others = new Int32Array(257).fill(-1);
  for (;;) {
    let v1 = -1;
    let v2 = -1;
    // The least frequent, and among equals the highest symbol, as in the figure.
    for (let i = 0; i < 257; i++) if (freq[i] > 0 && (v1 < 0 || freq[i] <= freq[v1])) v1 = i;
    for (let i = 0; i < 257; i++) if (freq[i] > 0 && i !== v1 && (v2 < 0 || freq[i] <= freq[v2])) v2 = i;
    if (v2 < 0) break;
    freq[v1] += freq[v2];
    freq[v2] = 0;
    codeSize[v1]++;
    while (others[v1] >= 0) {
      v1 = others[v1];
      codeSize[v1]++;
    }
    others[v1] = v2;
    codeSize[v2]++;
    while (others[v2] >= 0) {
      v2 = others[v2];
      codeSize[v2]++;
    }
  }
  const bits = new Int32Array(33);
  for (let i = 0; i < 257; i++) if (codeSize[i] > 0) bits[codeSize[i]]++;
  for (let i = 32; i > 16; i--) {
    while (bits[i] > 0) {
      let j = i - 2;
      while (bits[j] === 0) j--;
      bits[i] -= 2;
      bits[i - 1]++;
      bits[j + 1] += 2;
      bits[j]--;
    }
  }
  let longest = 16;
  while (bits[longest] === 0) longest--;
  bits[longest]--;
  const symbols: number[] = [];
  for (let len = 1; len <= 32; len++) for (let s = 0; s < 256; s++) if (codeSize[s] === len) symbols.push(s);
  return { counts: Uint8Array.from(bits.subarray(1, 17)), symbols: Uint8Array.from(symbols) };
}
