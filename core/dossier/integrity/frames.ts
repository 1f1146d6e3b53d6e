import { z } from 'zod';
import { isTiff, readG4Tiff } from '../pdf/tiffG4.js';

/**
 * How to rebuild a page master from the image streams the PDF holds. A JPEG master is its own
 * stream (no frame). A G4 TIFF's strips are the streams; the frame keeps the few hundred bytes
 * around them (header, IFD) so that the verifier can rebuild the exact file and check its hash.
 */
export const FrameSchema = z
  .object({
    length: z.number().int().positive().max(1 << 30),
    gaps: z.array(z.object({ at: z.number().int().nonnegative(), base64: z.string().max(1 << 20) })).max(10_000),
  })
  .nullable();
export type Frame = z.infer<typeof FrameSchema>;

export function frameOf(master: Buffer): Frame {
  if (!isTiff(master)) return null;
  const g4 = readG4Tiff(master);
  if (!g4) return null;
  const ranges = g4.strips.map((s) => ({ from: s.byteOffset - master.byteOffset, to: s.byteOffset - master.byteOffset + s.length })).sort((a, b) => a.from - b.from);
  const gaps: { at: number; base64: string }[] = [];
  let cursor = 0;
  for (const r of [...ranges, { from: master.length, to: master.length }]) {
    if (r.from > cursor) gaps.push({ at: cursor, base64: master.subarray(cursor, r.from).toString('base64') });
    cursor = Math.max(cursor, r.to);
  }
  return { length: master.length, gaps };
}

/** The page master rebuilt from its frame and the page's image streams in file order; null when they cannot fit. */
export function reassemble(frame: Frame, streams: readonly Buffer[]): Buffer | null {
  if (frame === null) return streams.length === 1 ? streams[0] : null;
  const out = Buffer.alloc(frame.length);
  const filled = new Uint8Array(frame.length);
  for (const g of frame.gaps) {
    const bytes = Buffer.from(g.base64, 'base64');
    if (g.at + bytes.length > frame.length) return null;
    bytes.copy(out, g.at);
    filled.fill(1, g.at, g.at + bytes.length);
  }
  let at = 0;
  for (const s of streams) {
    while (at < frame.length && filled[at]) at++;
    if (at + s.length > frame.length || filled.subarray(at, at + s.length).some((f) => f)) return null;
    s.copy(out, at);
    filled.fill(1, at, at + s.length);
    at += s.length;
  }
  return filled.every((f) => f === 1) ? out : null;
}
