/** Formats leptonica (tesseract's image reader) and pdftoppm can open. */
export type InputKind = 'png' | 'jpeg' | 'tiff' | 'bmp' | 'gif' | 'webp' | 'pnm' | 'jp2' | 'pdf';

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/**
 * Identifies an input by its first bytes. Anything unrecognised is refused before tesseract
 * sees it: tesseract reads a text file as a list of image paths and would open those files.
 */
export function sniffInput(head: Uint8Array): InputKind | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, ascii('II*\0')) || startsWith(head, ascii('MM\0*'))) return 'tiff';
  if (startsWith(head, ascii('BM'))) return 'bmp';
  if (startsWith(head, ascii('GIF8'))) return 'gif';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'webp';
  if (head[0] === 0x50 && head[1] >= 0x31 && head[1] <= 0x36 && [0x0a, 0x0d, 0x20, 0x09].includes(head[2])) return 'pnm';
  if (startsWith(head, [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20]) || startsWith(head, [0xff, 0x4f, 0xff, 0x51])) return 'jp2';
  if (startsWith(head, ascii('%PDF-'))) return 'pdf';
  return null;
}
