import bwipjs from 'bwip-js';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectSeparator } from '../../../core/scanning/separators/detect.js';
import { renderSheets } from '../../../core/scanning/separators/sheets.js';
import type { RawPage } from '../../../core/scanning/pipeline/rawPage.js';
import { rasterise, textPage, toLineart, upsideDown } from './sheetPages.js';

const CASE = '（2024）苏0508民初1234号';
let scanned: RawPage[];

beforeAll(async () => {
  const pdf = await renderSheets({
    cases: [{ case: { number: '(2024)苏0508民初1234号', title: '民间借贷纠纷', parties: [{ role: '原告', name: '张三' }] }, categories: ['起诉状', '证据材料'] }],
  });
  scanned = await rasterise(pdf);
});

describe('printed separator sheets, rasterised at 300 dpi gray', () => {
  it('prints a cover sheet and one separator per category, each read back to its payload', async () => {
    expect(scanned).toHaveLength(3);
    expect(scanned[0]).toMatchObject({ width: 2481, height: 3508 });
    expect(await Promise.all(scanned.map(detectSeparator))).toEqual([
      { kind: 'case', caseNumber: CASE },
      { kind: 'doc', caseNumber: CASE, category: '起诉状' },
      { kind: 'doc', caseNumber: CASE, category: '证据材料' },
    ]);
  });

  it('reads a sheet fed upside down, and one scanned as 1-bit lineart', async () => {
    expect(await detectSeparator(upsideDown(scanned[1]))).toEqual({ kind: 'doc', caseNumber: CASE, category: '起诉状' });
    expect(await detectSeparator(toLineart(scanned[0]))).toEqual({ kind: 'case', caseNumber: CASE });
  });

  it('does not take an ordinary page of Chinese text for a separator', async () => {
    expect(await detectSeparator(await textPage(['民事起诉状', '原告张三，男，汉族。', '被告李四借款伍万元整。', '分隔页']))).toBeNull();
  });

  it('does not take a page carrying someone else’s QR code for a separator', async () => {
    const qr = await bwipjs.toBuffer({ bcid: 'qrcode', text: 'https://wenshu.court.gov.cn/verify?id=2024-0508-1234', scale: 6 });
    const page = await textPage(['民事判决书', '扫码核验文书真伪']);
    const withQr = await sharp(page.data, { raw: { width: page.width, height: page.height, channels: 1 } })
      .composite([{ input: await sharp(qr).flatten({ background: '#fff' }).toBuffer(), left: 800, top: 1300 }])
      .grayscale()
      .raw()
      .toBuffer();
    expect(await detectSeparator({ ...page, data: withQr })).toBeNull();
  });
});
