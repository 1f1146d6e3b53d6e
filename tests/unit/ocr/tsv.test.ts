import { describe, expect, it } from 'vitest';
import { parseTesseractTsv } from '../../../native/tesseract/tsv.js';

const header = 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
const rows = [
  '1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t',
  '2\t1\t1\t0\t0\t0\t338\t358\t242\t75\t-1\t',
  '5\t1\t1\t1\t1\t1\t2180\t1545\t2\t75\t95.000000\t ',
  '5\t1\t1\t1\t1\t2\t338\t362\t119\t46\t96.921768\t民事',
  '5\t1\t1\t2\t1\t1\t364\t452\t147\t47\t71.287735\t(2024)',
  '5\t2\t1\t1\t1\t1\t1\t1\t1\t1\t90\tsecond-page',
];

describe('parseTesseractTsv', () => {
  it('reads the page size and the words of the first page with their boxes and layout numbers', () => {
    const parsed = parseTesseractTsv([header, ...rows, ''].join('\n'));
    expect(parsed).toEqual({
      width: 2480,
      height: 3508,
      words: [
        { text: '民事', bbox: { x0: 338, y0: 362, x1: 457, y1: 408 }, conf: 96.921768, block: 1, par: 1, line: 1 },
        { text: '(2024)', bbox: { x0: 364, y0: 452, x1: 511, y1: 499 }, conf: 71.287735, block: 1, par: 2, line: 1 },
      ],
    });
  });

  it('refuses output that is not tesseract TSV', () => {
    expect(parseTesseractTsv('民事判决书\n')).toBeNull();
    expect(parseTesseractTsv(`${header}\n5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t90\n`)).toBeNull();
    expect(parseTesseractTsv(`${header}\n5\t1\tx\t1\t1\t1\t0\t0\t10\t10\t90\tword\n`)).toBeNull();
    expect(parseTesseractTsv(`${header}\n5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t90\tno-page-row\n`)).toBeNull();
  });

  it('keeps confidences within 0–100', () => {
    const parsed = parseTesseractTsv([header, rows[0], '5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t-1\tx'].join('\n'));
    expect(parsed?.words[0].conf).toBe(0);
  });
});
