import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { CourtError } from '../../core/contract/index.js';
import { buildPageText } from '../../core/ocr/normalize.js';
import { validateLangs, type OcrEngine, type OcrImage, type OcrLang, type OcrOptions, type OcrResult } from '../../core/ocr/port.js';
import { ProcessPool } from './pool.js';
import { ProgramError, runProgram } from './runProgram.js';
import { sniffInput, type InputKind } from './sniff.js';
import { parseTesseractTsv } from './tsv.js';

export interface TesseractOptions {
  /** Program names or paths; defaults find them on PATH. */
  tesseract?: string;
  pdftoppm?: string;
  /** Where the *.traineddata files are, when not the system tessdata. */
  tessdataDir?: string;
  /** Recognitions at once; defaults to one per core. */
  concurrency?: number;
  /** A page that takes longer is killed and reported as failed. */
  timeoutMs?: number;
}

const DEBIAN_PACKAGE: Record<OcrLang, string> = {
  chi_sim: 'tesseract-ocr-chi-sim',
  chi_tra: 'tesseract-ocr-chi-tra',
  eng: 'tesseract-ocr-eng',
  bod: 'tesseract-ocr-bod',
};
const PDF_DPI = 300;
const HEAD_BYTES = 16;

interface Installed {
  engine: string;
  langs: Set<string>;
}

/**
 * OcrEngine on the tesseract command line. Each process gets OMP_THREAD_LIMIT=1 and the pool
 * runs one per core: tesseract's own OpenMP threads scale poorly, whole pages in parallel
 * scale almost linearly. Text and words come from the TSV output, normalised by core/ocr.
 */
export class TesseractEngine implements OcrEngine {
  private readonly tesseract: string;
  private readonly pdftoppm: string;
  private readonly pool: ProcessPool;
  private readonly timeoutMs: number;
  private readonly env: NodeJS.ProcessEnv;
  private installed?: Promise<Installed>;

  constructor(private readonly opts: TesseractOptions = {}) {
    this.tesseract = opts.tesseract ?? 'tesseract';
    this.pdftoppm = opts.pdftoppm ?? 'pdftoppm';
    this.pool = new ProcessPool(opts.concurrency ?? availableParallelism());
    this.timeoutMs = opts.timeoutMs ?? 300_000;
    this.env = { ...process.env, OMP_THREAD_LIMIT: '1' };
  }

  get concurrency(): number {
    return this.pool.size;
  }

  async recognize(image: OcrImage, opts: OcrOptions): Promise<OcrResult> {
    const langs = validateLangs(opts.langs);
    const page = image.page ?? 1;
    if (!Number.isInteger(page) || page < 1) throw new CourtError('INVALID_INPUT', { details: { page } });
    const input = await this.openInput(image);
    const installed = await this.requireLangs(langs);
    return this.pool.run(async () => {
      const source = input.kind === 'pdf' ? { bytes: await this.renderPdfPage(input, page, opts.signal) } : input;
      const tsv = await this.runTesseract(source, langs, opts.signal);
      const parsed = parseTesseractTsv(tsv);
      if (!parsed) throw new CourtError('OCR_FAILED', { details: { reason: 'unexpected tesseract output' } });
      const { text, words } = buildPageText(parsed.words);
      return { text, words, width: parsed.width, height: parsed.height, langs, engine: installed.engine };
    }, opts.signal);
  }

  /** Languages whose models are installed; asks tesseract once, again only when a language seems missing. */
  async availableLangs(): Promise<Set<string>> {
    return (await this.probe()).langs;
  }

  private probe(refresh = false): Promise<Installed> {
    if (!this.installed || refresh) {
      const probing = this.listLangs();
      // A failed probe is not cached, so installing tesseract takes effect without a restart.
      probing.catch(() => {
        if (this.installed === probing) this.installed = undefined;
      });
      this.installed = probing;
    }
    return this.installed;
  }

  private async listLangs(): Promise<Installed> {
    const version = await this.runTesseractTool(['--version']);
    const list = await this.runTesseractTool([...this.tessdataArgs(), '--list-langs']);
    const engine = /tesseract\s+v?(\d[\w.-]*)/i.exec(version)?.[0].replace(/\s+v?/, ' ') ?? 'tesseract';
    const langs = new Set(
      list
        .split(/\r?\n/)
        .slice(1)
        .map((l) => l.trim())
        .filter((l) => /^[\w-]+$/.test(l)),
    );
    return { engine, langs };
  }

  private async runTesseractTool(args: string[]): Promise<string> {
    try {
      const { stdout, stderr } = await runProgram(this.tesseract, args, { env: this.env, timeoutMs: 30_000 });
      // Older releases print the version and language list on stderr.
      return `${stdout.toString('utf8')}\n${stderr}`.trim();
    } catch (err) {
      throw this.toCourtError(err, 'tesseract');
    }
  }

  private async requireLangs(langs: OcrLang[]): Promise<Installed> {
    let installed = await this.probe();
    if (langs.some((l) => !installed.langs.has(l))) installed = await this.probe(true);
    const missing = langs.filter((l) => !installed.langs.has(l));
    if (missing.length > 0) {
      const packages = missing.map((l) => DEBIAN_PACKAGE[l]).join(' ');
      throw new CourtError('OCR_LANG_MISSING', {
        message: `缺少文字识别语言包：${missing.join('、')}`,
        messageEn: `OCR language pack missing: ${missing.join(', ')}`,
        remedy: `请让管理员执行 sudo apt-get install ${packages} 后重试`,
        details: { missing, packages },
      });
    }
    return installed;
  }

  private async openInput(image: OcrImage): Promise<{ kind: InputKind; file: string } | { kind: InputKind; bytes: Uint8Array }> {
    if ('bytes' in image) {
      const kind = sniffInput(image.bytes.subarray(0, HEAD_BYTES));
      if (!kind) throw new CourtError('OCR_IMAGE_UNREADABLE', { details: { reason: 'unknown format' } });
      return { kind, bytes: image.bytes };
    }
    const file = resolve(image.file);
    let head: Uint8Array;
    try {
      const handle = await open(file, 'r');
      try {
        if (!(await handle.stat()).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
        const buf = Buffer.alloc(HEAD_BYTES);
        const { bytesRead } = await handle.read(buf, 0, HEAD_BYTES, 0);
        head = buf.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    } catch (err) {
      throw new CourtError('OCR_INPUT_NOT_FOUND', {
        message: `找不到要识别的文件：${image.file}`,
        messageEn: `File not found: ${image.file}`,
        details: { file: image.file, cause: (err as NodeJS.ErrnoException).code },
      });
    }
    const kind = sniffInput(head);
    if (!kind) throw new CourtError('OCR_IMAGE_UNREADABLE', { details: { file: image.file, reason: 'unknown format' } });
    return { kind, file };
  }

  private async renderPdfPage(input: { file: string } | { bytes: Uint8Array }, page: number, signal?: AbortSignal): Promise<Buffer> {
    const source = 'file' in input ? input.file : '-';
    const args = ['-r', String(PDF_DPI), '-f', String(page), '-l', String(page), '-png', '-singlefile', source];
    try {
      const { stdout } = await runProgram(this.pdftoppm, args, {
        input: 'bytes' in input ? input.bytes : undefined,
        signal,
        timeoutMs: this.timeoutMs,
        env: this.env,
      });
      if (sniffInput(stdout.subarray(0, HEAD_BYTES)) !== 'png') throw new CourtError('OCR_IMAGE_UNREADABLE', { details: { page } });
      return stdout;
    } catch (err) {
      throw this.toCourtError(err, 'pdftoppm', { page });
    }
  }

  private async runTesseract(source: { file: string } | { bytes: Uint8Array }, langs: OcrLang[], signal?: AbortSignal): Promise<string> {
    // Absolute paths cannot be mistaken for options; 'stdin' makes tesseract read the piped bytes.
    // TSV is asked for by variable, not by the 'tsv' config file, which a custom tessdata may lack.
    const target = 'file' in source ? source.file : 'stdin';
    const args = [...this.tessdataArgs(), target, 'stdout', '-l', langs.join('+'), '--psm', '3', '-c', 'tessedit_create_tsv=1'];
    try {
      const { stdout } = await runProgram(this.tesseract, args, {
        input: 'bytes' in source ? source.bytes : undefined,
        signal,
        timeoutMs: this.timeoutMs,
        env: this.env,
      });
      return stdout.toString('utf8');
    } catch (err) {
      throw this.toCourtError(err, 'tesseract');
    }
  }

  private tessdataArgs(): string[] {
    return this.opts.tessdataDir ? ['--tessdata-dir', resolve(this.opts.tessdataDir)] : [];
  }

  private toCourtError(err: unknown, program: 'tesseract' | 'pdftoppm', details: Record<string, unknown> = {}): CourtError {
    if (err instanceof CourtError) return err;
    if (!(err instanceof ProgramError)) return new CourtError('OCR_FAILED', { details: { ...details, cause: String(err) } });
    const f = err.failure;
    switch (f.kind) {
      case 'missing':
        return program === 'tesseract'
          ? new CourtError('OCR_ENGINE_MISSING', { details: { program: this.tesseract } })
          : new CourtError('OCR_ENGINE_MISSING', {
              message: '未找到 PDF 渲染程序 pdftoppm',
              messageEn: 'The PDF renderer pdftoppm is not installed',
              remedy: '请让管理员执行 sudo apt-get install poppler-utils 后重试',
              details: { program: this.pdftoppm },
            });
      case 'aborted':
        return new CourtError('OCR_CANCELLED');
      case 'timeout':
        return new CourtError('OCR_FAILED', { details: { ...details, reason: 'timeout', timeoutMs: this.timeoutMs } });
      case 'exit': {
        const stderr = f.stderr.slice(-2000);
        if (program === 'pdftoppm' || /cannot be read|pixRead|findFileFormat|Unsupported image/i.test(stderr)) {
          return new CourtError('OCR_IMAGE_UNREADABLE', { details: { ...details, program, exitCode: f.code, stderr } });
        }
        if (/Failed loading language|couldn't load any languages/i.test(stderr)) {
          return new CourtError('OCR_LANG_MISSING', { details: { stderr } });
        }
        return new CourtError('OCR_FAILED', { details: { ...details, exitCode: f.code, stderr } });
      }
    }
  }
}
