import type PDFDocument from 'pdfkit';
import { readG4Tiff } from './tiffG4.js';

type Doc = InstanceType<typeof PDFDocument>;
type Ref = ReturnType<Doc['ref']>;

interface PdfkitPage {
  xobjects: Record<string, Ref>;
}

let g4Counter = 0;

/**
 * Places a page master on the current page, filling it, without re-encoding: JPEG and PNG through
 * pdfkit (which copies their compressed data), CCITT G4 TIFF as CCITTFaxDecode image XObjects, one
 * per strip, because each strip is coded independently and strips cannot be concatenated.
 */
export function drawPageImage(doc: Doc, master: Buffer, widthPt: number, heightPt: number): void {
  const g4 = readG4Tiff(master);
  if (!g4) {
    doc.image(master, 0, 0, { width: widthPt, height: heightPt });
    return;
  }
  const page = doc.page as unknown as PdfkitPage;
  const scaleY = heightPt / g4.height;
  g4.strips.forEach((strip, i) => {
    const rows = Math.min(g4.rowsPerStrip, g4.height - i * g4.rowsPerStrip);
    const ref = doc.ref({
      Type: 'XObject',
      Subtype: 'Image',
      Width: g4.width,
      Height: rows,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: 1,
      Filter: 'CCITTFaxDecode',
      DecodeParms: { K: -1, Columns: g4.width, Rows: rows, BlackIs1: g4.blackIsZero },
    });
    ref.end(strip);
    const name = `G4I${++g4Counter}`;
    page.xobjects[name] = ref;
    const top = i * g4.rowsPerStrip * scaleY;
    const h = rows * scaleY;
    doc.save();
    // pdfkit's page space runs top-down; the image's unit square runs bottom-up, hence -h.
    doc.transform(widthPt, 0, 0, -h, 0, top + h);
    doc.addContent(`/${name} Do`);
    doc.restore();
  });
}
