import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { characterErrorRate } from '../../../core/ocr/cer.js';
import { ocrFileCommand, type OcrFileJson } from '../../../core/ocr/ocrFileCommand.js';
import type { OcrLang } from '../../../core/ocr/port.js';
import { TesseractEngine } from '../../../native/tesseract/tesseractEngine.js';
import { DEVSET_PAGES, renderDevsetPage, SMOKE_IMAGES, type RenderedDevsetPage } from '../../fixtures/ocr-devset/devset.js';
import { useTempDirs } from '../../helpers/tempDir.js';

const tempDir = useTempDirs();
const engine = new TesseractEngine();
const [chineseSmoke, englishSmoke] = SMOKE_IMAGES;
const HAN_SPACE_HAN = /\p{Script=Han}[ \t\u3000]+\p{Script=Han}/u;

let judgment: RenderedDevsetPage;
beforeAll(async () => {
  judgment = await renderDevsetPage(DEVSET_PAGES.find((p) => p.id === 'judgment')!);
});

/** Command lines of running tesseract processes, read from /proc. */
function tesseractCommandLines(): string[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((pid) => {
      try {
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return argv[0].endsWith('tesseract') ? [argv.join(' ')] : [];
      } catch {
        return [];
      }
    });
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('tesseract OCR engine', () => {
  // Thresholds from measurement (tesseract 5.3.0, Debian tessdata 4.0.0): 0 for both smoke
  // images and 0.006 for the judgment page (whose raw tesseract CER is 0.024). The limits leave
  // room for another tesseract build without letting a broken pipeline through.
  it('reads the English smoke image nearly exactly', async () => {
    const { text } = await engine.recognize({ file: englishSmoke.file }, { langs: englishSmoke.langs });
    expect(characterErrorRate(englishSmoke.groundTruth, text)).toBeLessThanOrEqual(0.02);
    expect(text).toContain('The quick brown dog jumped over the');
  });

  it('reads the Traditional Chinese smoke image exactly, without spaces between Hanzi', async () => {
    const { text } = await engine.recognize({ file: chineseSmoke.file }, { langs: chineseSmoke.langs });
    expect(characterErrorRate(chineseSmoke.groundTruth, text)).toBe(0);
    expect(text).toBe('繁體中文測試');
  });

  it('reads a rendered 300 dpi judgment page with Chinese spacing and full-width punctuation', async () => {
    const result = await engine.recognize({ bytes: judgment.image }, { langs: ['chi_sim', 'eng'] });
    expect(characterErrorRate(judgment.groundTruth, result.text)).toBeLessThanOrEqual(0.03);
    for (const line of result.text.split('\n')) expect(line).not.toMatch(HAN_SPACE_HAN);
    expect(result.text).toContain('（2024）苏0508民初1234号');
    expect(result.text).toContain('原告：张建国，男，1978年4月12日出生');
    expect(result.text).not.toMatch(/\p{Script=Han}[,:;]|[,:;]\p{Script=Han}/u);
    expect(result).toMatchObject({ width: expect.any(Number), height: expect.any(Number), langs: ['chi_sim', 'eng'], engine: expect.stringMatching(/^tesseract \d/) });
  });

  it('gives words with boxes inside the image and confidences, in reading order', async () => {
    const out = (await ocrFileCommand(engine, englishSmoke.file, { lang: 'eng', json: true })) as OcrFileJson;
    expect(out).toMatchObject({ file: englishSmoke.file, page: 1, width: 640, height: 480, langs: ['eng'] });
    expect(out.words.length).toBeGreaterThan(40);
    for (const w of out.words) {
      expect(w.bbox.x0).toBeGreaterThanOrEqual(0);
      expect(w.bbox.y0).toBeGreaterThanOrEqual(0);
      expect(w.bbox.x1).toBeLessThanOrEqual(out.width);
      expect(w.bbox.y1).toBeLessThanOrEqual(out.height);
      expect(w.bbox.x1).toBeGreaterThan(w.bbox.x0);
      expect(w.bbox.y1).toBeGreaterThan(w.bbox.y0);
      expect(w.conf).toBeGreaterThanOrEqual(0);
      expect(w.conf).toBeLessThanOrEqual(100);
    }
    expect(out.words.map((w) => w.text).join('')).toBe(out.text.replace(/\s+/g, ''));
    expect(out.words[0]).toMatchObject({ text: 'This', line: 1, block: 1 });
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });

  it('prints plain normalised text without --json', async () => {
    const out = await ocrFileCommand(engine, chineseSmoke.file, { lang: 'chi_tra' });
    expect(out).toBe('繁體中文測試');
  });

  it('passes file names with spaces, quotes and shell syntax through untouched', async () => {
    const dir = tempDir();
    for (const name of ["案卷 第1页; rm -rf ~; touch pwned $(touch pwned2) 'x'.png", '-l eng; rm -rf x.png']) {
      const file = join(dir, name);
      copyFileSync(englishSmoke.file, file);
      const text = await ocrFileCommand(engine, file, { lang: 'eng' });
      expect(text).toContain('The quick brown dog');
    }
    expect(readdirSync(dir).sort()).toEqual(["-l eng; rm -rf x.png", "案卷 第1页; rm -rf ~; touch pwned $(touch pwned2) 'x'.png"]);
  });

  it('reads one page of a PDF, rendered at 300 dpi', async () => {
    const file = join(tempDir(), 'filing.pdf');
    const doc = new PDFDocument({ autoFirstPage: false });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((r) => doc.on('end', r));
    doc.addPage({ size: [612, 792] }).fontSize(40).text('Cover', 100, 100);
    doc.addPage({ size: [320, 240] }).image(englishSmoke.file, 0, 0, { width: 320, height: 240 });
    doc.end();
    await done;
    writeFileSync(file, Buffer.concat(chunks));
    const result = await engine.recognize({ file, page: 2 }, { langs: ['eng'] });
    expect(Math.abs(result.width - (320 / 72) * 300)).toBeLessThanOrEqual(1);
    expect(characterErrorRate(englishSmoke.groundTruth, result.text)).toBeLessThanOrEqual(0.02);
    await expect(engine.recognize({ file, page: 5 }, { langs: ['eng'] })).rejects.toMatchObject({ code: 'OCR_IMAGE_UNREADABLE' });
  });
});

describe('tesseract OCR engine: refusals and failures', () => {
  it('rejects an unknown language with a typed error before running anything', async () => {
    const noProgram = new TesseractEngine({ tesseract: '/nonexistent/tesseract' });
    for (const langs of [['deu'], ['chi_sim', 'eng; rm -rf /'], []]) {
      await expect(noProgram.recognize({ file: '/nonexistent.png' }, { langs: langs as OcrLang[] })).rejects.toMatchObject({
        code: 'OCR_LANG_UNSUPPORTED',
      });
    }
    await expect(ocrFileCommand(engine, englishSmoke.file, { lang: 'chi_sim+klingon' })).rejects.toMatchObject({ code: 'OCR_LANG_UNSUPPORTED' });
  });

  it('names a missing file', async () => {
    const missing = join(tempDir(), '不存在的扫描件.png');
    await expect(engine.recognize({ file: missing }, { langs: ['eng'] })).rejects.toMatchObject({
      code: 'OCR_INPUT_NOT_FOUND',
      message: expect.stringContaining('不存在的扫描件.png'),
    });
    await expect(engine.recognize({ file: tempDir() }, { langs: ['eng'] })).rejects.toMatchObject({ code: 'OCR_INPUT_NOT_FOUND' });
  });

  it('refuses files that are not images, including a text file tesseract would treat as a list of paths', async () => {
    const dir = tempDir();
    const list = join(dir, 'list.png');
    writeFileSync(list, `${englishSmoke.file}\n`);
    await expect(engine.recognize({ file: list }, { langs: ['eng'] })).rejects.toMatchObject({ code: 'OCR_IMAGE_UNREADABLE' });
    const truncated = join(dir, 'truncated.png');
    writeFileSync(truncated, readFileSync(englishSmoke.file).subarray(0, 200));
    await expect(engine.recognize({ file: truncated }, { langs: ['eng'] })).rejects.toMatchObject({ code: 'OCR_IMAGE_UNREADABLE' });
    await expect(engine.recognize({ bytes: Buffer.from('hello') }, { langs: ['eng'] })).rejects.toMatchObject({ code: 'OCR_IMAGE_UNREADABLE' });
  });

  it('says how to install tesseract when it is missing', async () => {
    const noProgram = new TesseractEngine({ tesseract: '/nonexistent/tesseract' });
    await expect(noProgram.recognize({ file: englishSmoke.file }, { langs: ['eng'] })).rejects.toMatchObject({
      code: 'OCR_ENGINE_MISSING',
      remedy: expect.stringContaining('apt-get install tesseract-ocr'),
    });
  });

  it('names the Debian package of a missing language pack', async () => {
    const listing = execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
    const systemTessdata = /"(.+?)\/?"/.exec(listing)![1];
    const tessdata = tempDir();
    symlinkSync(join(systemTessdata, 'eng.traineddata'), join(tessdata, 'eng.traineddata'));
    const engOnly = new TesseractEngine({ tessdataDir: tessdata });
    expect([...(await engOnly.availableLangs())]).toEqual(['eng']);
    await expect(engOnly.recognize({ file: chineseSmoke.file }, { langs: ['chi_sim', 'eng'] })).rejects.toMatchObject({
      code: 'OCR_LANG_MISSING',
      remedy: expect.stringContaining('apt-get install tesseract-ocr-chi-sim'),
      details: { missing: ['chi_sim'] },
    });
    expect(await ocrFileCommand(engOnly, englishSmoke.file, { lang: 'eng' })).toContain('lazy fox');
  });

  it('kills the tesseract process when recognition is cancelled', async () => {
    const file = join(tempDir(), 'cancel-me.png');
    writeFileSync(file, judgment.image);
    const controller = new AbortController();
    const running = engine.recognize({ file }, { langs: ['chi_sim', 'eng'], signal: controller.signal });
    const outcome = running.then(
      () => 'finished',
      (e: { code?: string }) => e.code,
    );
    await until(() => tesseractCommandLines().some((c) => c.includes(file)), 'tesseract to start');
    controller.abort();
    expect(await outcome).toBe('OCR_CANCELLED');
    await until(() => !tesseractCommandLines().some((c) => c.includes(file)), 'tesseract to exit');
  });

  it('does not start when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(engine.recognize({ file: englishSmoke.file }, { langs: ['eng'], signal: controller.signal })).rejects.toMatchObject({
      code: 'OCR_CANCELLED',
    });
  });
});
