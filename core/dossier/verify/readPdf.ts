import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFString, PDFHexString, type PDFObject } from '@cantoo/pdf-lib';

export interface PdfPageImages {
  /** Raw (still encoded) bytes of each image XObject the page paints, in painting order. */
  streams: Buffer[];
}

export interface ReadPdf {
  pages: PdfPageImages[];
  attachments: Map<string, Buffer>;
}

const DO = /\/([^\s/[\]()<>{}%]+)\s+Do\b/g;

function text(obj: PDFObject | undefined): string | undefined {
  return obj instanceof PDFString || obj instanceof PDFHexString ? obj.decodeText() : undefined;
}

function decoded(stream: PDFRawStream): Buffer {
  return Buffer.from(stream.dict.get(PDFName.of('Filter')) ? decodePDFRawStream(stream).decode() : stream.contents);
}

/** Reads what verification needs from a PDF: each page's image streams and the embedded files. Throws on a damaged file. */
export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
  const ctx = doc.context;
  const pages = doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const parts = contents instanceof PDFArray ? contents.asArray().map((r) => ctx.lookup(r)) : [contents];
    const ops = parts.map((s) => (s instanceof PDFRawStream ? decoded(s).toString('latin1') : '')).join('\n');
    const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
    const streams: Buffer[] = [];
    for (const m of ops.matchAll(DO)) {
      const xo = xobjects?.get(PDFName.of(m[1]));
      const stream = xo instanceof PDFRef ? ctx.lookup(xo) : xo;
      if (stream instanceof PDFRawStream && stream.dict.get(PDFName.of('Subtype')) === PDFName.of('Image')) streams.push(Buffer.from(stream.contents));
    }
    return { streams };
  });

  const attachments = new Map<string, Buffer>();
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  const list = names?.lookupMaybe(PDFName.of('Names'), PDFArray);
  for (let i = 0; list && i + 1 < list.size(); i += 2) {
    const name = text(list.lookup(i));
    const spec = list.lookup(i + 1);
    const ef = spec instanceof PDFDict ? spec.lookupMaybe(PDFName.of('EF'), PDFDict) : undefined;
    const file = ef?.lookup(PDFName.of('F'));
    if (name && file instanceof PDFRawStream) attachments.set(name, decoded(file));
  }
  return { pages, attachments };
}
