export type ImportFormat = 'pdf' | 'tiff' | 'jpeg' | 'png';

export type Sniffed = { format: ImportFormat } | { format: null; seemsToBe: string };

/** How many leading bytes sniffing needs: PDF allows junk before its header within the first 1 KiB. */
export const SNIFF_BYTES = 1024;

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((v, i) => b[i] === v);

/** What a file is, by its content; the extension is never trusted. */
export function sniff(head: Uint8Array): Sniffed {
  if (Buffer.from(head.subarray(0, SNIFF_BYTES)).includes('%PDF-')) return { format: 'pdf' };
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return { format: 'tiff' };
  if (startsWith(head, [0x49, 0x49, 0x2b, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2b])) return { format: 'tiff' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { format: 'jpeg' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { format: 'png' };
  return { format: null, seemsToBe: describe(head) };
}

/** A name the operator recognises, for the error message. */
function describe(head: Uint8Array): string {
  if (head.length === 0) return '空文件';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'ZIP 压缩包（OFD、Word、Excel 等）';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) return '旧版 Office 文档';
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return 'GIF 图片';
  if (startsWith(head, [0x42, 0x4d])) return 'BMP 图片';
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46])) return 'WebP 或其他 RIFF 文件';
  const text = head.subarray(0, 512).every((b) => b === 0x09 || b === 0x0a || b === 0x0d || b >= 0x20);
  return text ? '纯文本' : '未知格式';
}
