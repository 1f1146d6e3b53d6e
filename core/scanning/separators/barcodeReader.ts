import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';

let prepared: Promise<unknown> | null = null;

/**
 * ZXing's reader, compiled from the .wasm shipped in node_modules: its default would fetch the
 * file from a CDN, which a court's offline network does not reach.
 */
function ready(): Promise<unknown> {
  prepared ??= Promise.resolve().then(() => {
    const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
    const binary = wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer;
    return prepareZXingModule({ overrides: { wasmBinary: binary }, fireImmediately: true });
  });
  return prepared;
}

const options: ReaderOptions = {
  formats: ['QRCode', 'Code128'],
  // Sheets may go through the feeder upside down or sideways; QR finds itself in any turn, Code 128 needs tryRotate.
  tryRotate: true,
  tryInvert: false,
  tryDownscale: false,
  tryHarder: true,
  maxNumberOfSymbols: 4,
};

/** Texts of the QR and Code 128 symbols on an 8-bit gray image, in ZXing's order. */
export async function readCodes(gray: Uint8Array, width: number, height: number): Promise<string[]> {
  await ready();
  // ZXing's ImageData path takes RGBA and turns it back into luminance.
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, j = 0; i < gray.length; i++, j += 4) {
    rgba[j] = rgba[j + 1] = rgba[j + 2] = gray[i];
    rgba[j + 3] = 255;
  }
  const found = await readBarcodes({ data: rgba, width, height, colorSpace: 'srgb' } as unknown as Parameters<typeof readBarcodes>[0], options);
  return found.filter((r) => r.isValid).map((r) => r.text);
}
