import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { RawPage } from '../pipeline/rawPage.js';
import type { PageOptions } from '../pipeline/types.js';
import { countImagePages, readImagePage } from './imagePages.js';
import { unreadable, unsupported } from './importErrors.js';
import { renderDpi, type PdfRasterizer } from './pdfRasterizer.js';
import { SNIFF_BYTES, sniff, type ImportFormat } from './sniff.js';

export interface SourcePage {
  raw: RawPage;
  options: Partial<PageOptions>;
  /** 1-based page number within the file, for messages. */
  number: number;
}

export interface ImportSource {
  format: ImportFormat;
  total: number;
  sha256: string;
  size: number;
  pages(): AsyncGenerator<SourcePage>;
}

async function readHead(file: string): Promise<Buffer> {
  try {
    const handle = await open(file, 'r');
    try {
      const head = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
      return head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (e) {
    throw unreadable(file, e instanceof Error ? e.message : String(e));
  }
}

function digest(file: string): Promise<{ sha256: string; size: number }> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    let size = 0;
    createReadStream(file)
      .on('data', (chunk) => {
        size += chunk.length;
        hash.update(chunk);
      })
      .on('error', (e) => reject(unreadable(file, e.message)))
      .on('end', () => resolve({ sha256: hash.digest('hex'), size }));
  });
}

/** Every imported page gets the colour check; scanned-looking pages also the full scan clean-up. */
const SCANNED: Partial<PageOptions> = { autoGray: true };
const BORN_DIGITAL: Partial<PageOptions> = { autoGray: true, deskew: false, crop: false, orientation: false };

/** Opens a file for import by its content, checking the whole document before any page is read. */
export async function openImportSource(file: string, pdf: PdfRasterizer): Promise<ImportSource> {
  const sniffed = sniff(await readHead(file));
  if (sniffed.format === null) throw unsupported(file, sniffed.seemsToBe);
  const { sha256, size } = await digest(file);
  if (sniffed.format === 'pdf') {
    const info = await pdf.inspect(file);
    return {
      format: 'pdf',
      total: info.length,
      sha256,
      size,
      async *pages() {
        for (const p of info) yield { raw: await pdf.render(file, p.number, renderDpi(p)), options: p.hasText ? BORN_DIGITAL : SCANNED, number: p.number };
      },
    };
  }
  const total = await countImagePages(file);
  return {
    format: sniffed.format,
    total,
    sha256,
    size,
    async *pages() {
      for (let i = 0; i < total; i++) {
        const { raw, lineart } = await readImagePage(file, i, total);
        yield { raw, options: { ...SCANNED, lineart }, number: i + 1 };
      }
    },
  };
}
