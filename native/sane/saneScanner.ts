import { endianness } from 'node:os';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { CourtError } from '../../core/contract/index.js';
import { matchMode, matchSource, offeredModes, offeredSources } from '../../core/scanning/port/matchOption.js';
import { areaOf, fits, sizesFitting, type Area } from '../../core/scanning/port/pageSizes.js';
import type { Capabilities, DeviceInfo, RawPage, ScannerPort, ScanSettings } from '../../core/scanning/port/scannerPort.js';
import { Frame, Status, Unit, ValueType, decodeDevices, sane, type Sane, type SaneParameters } from './bindings.js';
import { describeOption, getOption, getRaw, isActive, isSettable, readOptions, setOption, setRaw, type SaneOption } from './options.js';
import { statusError, type SaneCall } from './statusError.js';

/** SANE's customary transfer size; larger buffers gain nothing and smaller ones cost calls. */
const BLOCK = 64 * 1024;
/** Blocks read between turns of the event loop, so a cancel request gets through mid-page. */
const BLOCKS_PER_TURN = 16;
const HIGH_BYTE = endianness() === 'LE' ? 1 : 0;

function check(s: Sane, status: number, call: SaneCall, extra?: Record<string, unknown>): void {
  if (status !== Status.GOOD) throw statusError(status, call, s.strstatus(status), extra);
}

function unsupported(what: string, wanted: string, offered: readonly (string | number)[]): CourtError {
  return new CourtError('SCANNER_UNSUPPORTED_SETTING', {
    message: `扫描仪不支持${what}“${wanted}”，可选：${offered.join('、') || '无'}`,
    messageEn: `The scanner does not support ${what} "${wanted}"; it offers: ${offered.join(', ') || 'nothing'}`,
    details: { what, wanted, offered },
  });
}

const strings = (o: SaneOption | undefined) => (o?.constraint?.kind === 'strings' ? o.constraint.values : []);
const words = (o: SaneOption | undefined) => (o?.constraint?.kind === 'words' ? o.constraint.values : []);
const usable = (o: SaneOption | undefined): o is SaneOption => o !== undefined && isActive(o) && isSettable(o);

/** One open device handle with its options, read again whenever the backend says they changed. */
class OpenDevice {
  options: Map<string, SaneOption>;

  constructor(
    readonly s: Sane,
    readonly name: string,
    readonly handle: unknown,
  ) {
    this.options = readOptions(s, handle);
  }

  set(name: string, value: string | number | boolean): void {
    const opt = this.options.get(name);
    if (!opt) throw unsupported('选项', name, [...this.options.keys()]);
    if (setOption(this.s, this.handle, opt, value).reload) this.options = readOptions(this.s, this.handle);
  }

  /** Every settable value as the backend stores it. */
  snapshot(): Map<string, Buffer> {
    const values = new Map<string, Buffer>();
    for (const o of this.options.values()) if (usable(o) && o.type !== ValueType.BUTTON) values.set(o.name, getRaw(this.s, this.handle, o));
    return values;
  }

  /**
   * Backends keep option values from one open to the next (SANE's test device does, until
   * sane_exit), so a batch would inherit the last one's settings. Put back what the device had
   * when this process first opened it. Best effort: an option the backend now refuses keeps
   * its value, and the requested settings are applied after this anyway.
   */
  restore(values: Map<string, Buffer>): void {
    for (const [name, value] of values) {
      const o = this.options.get(name);
      if (!usable(o)) continue;
      try {
        if (getRaw(this.s, this.handle, o).equals(value)) continue;
        if (setRaw(this.s, this.handle, o, value).reload) this.options = readOptions(this.s, this.handle);
      } catch {
        continue;
      }
    }
  }

  value(name: string): number | string | undefined {
    const opt = this.options.get(name);
    return opt && isActive(opt) ? getOption(this.s, this.handle, opt) : undefined;
  }

  close(): void {
    this.s.close(this.handle);
  }
}

function openDevice(name: string): OpenDevice {
  const s = sane();
  const out: unknown[] = [null];
  check(s, s.open(name, out), 'open', { device: name });
  const handle = out[0];
  try {
    return new OpenDevice(s, name, handle);
  } catch (err) {
    s.close(handle);
    throw err;
  }
}

/** br-x / br-y ranges in millimetres: the largest area the current source can scan. */
function maxAreaOf(dev: OpenDevice): Area | null {
  const [x, y] = [dev.options.get('br-x'), dev.options.get('br-y')];
  if (x?.constraint?.kind !== 'range' || y?.constraint?.kind !== 'range' || Unit[x.unit] !== 'mm' || Unit[y.unit] !== 'mm') return null;
  return { widthMm: x.constraint.max, heightMm: y.constraint.max };
}

function capabilitiesOf(dev: OpenDevice): Capabilities {
  const res = dev.options.get('resolution')?.constraint;
  const maxArea = maxAreaOf(dev);
  return {
    device: dev.name,
    sources: dev.options.has('source') ? offeredSources(strings(dev.options.get('source'))) : { flatbed: 'Flatbed' },
    modes: offeredModes(strings(dev.options.get('mode')), words(dev.options.get('depth'))),
    resolutions: res?.kind === 'words' ? { list: res.values } : res?.kind === 'range' ? { min: res.min, max: res.max, step: res.quant || 1 } : null,
    maxArea,
    pageSizes: sizesFitting(maxArea),
    options: [...dev.options.values()].map(describeOption),
  };
}

function applySource(dev: OpenDevice, source: NonNullable<ScanSettings['source']>): void {
  const opt = dev.options.get('source');
  // A device without a source option has only its glass.
  if (!opt) {
    if (source === 'flatbed') return;
    throw unsupported('纸张来源', source, ['flatbed']);
  }
  const value = matchSource(source, strings(opt));
  if (!value) throw unsupported('纸张来源', source, strings(opt));
  dev.set('source', value);
}

function applyMode(dev: OpenDevice, mode: NonNullable<ScanSettings['mode']>): void {
  const values = strings(dev.options.get('mode'));
  // Backends without a lineart mode (SANE's test device) give lineart as gray at one bit.
  const value = matchMode(mode, values) ?? (mode === 'lineart' && words(dev.options.get('depth')).includes(1) ? matchMode('gray', values) : undefined);
  if (!value) throw unsupported('颜色模式', mode, values);
  dev.set('mode', value);
  const depth = dev.options.get('depth');
  const bits = mode === 'lineart' ? 1 : 8;
  if (usable(depth) && words(depth).includes(bits)) dev.set('depth', bits);
}

function applyResolution(dev: OpenDevice, dpi: number): void {
  const opt = dev.options.get('resolution');
  const c = opt?.constraint;
  const ok = opt && (c?.kind === 'words' ? c.values.includes(dpi) : c?.kind === 'range' ? dpi >= c.min && dpi <= c.max : true);
  if (!ok) throw unsupported('分辨率', `${dpi} dpi`, c?.kind === 'words' ? c.values : c?.kind === 'range' ? [`${c.min}–${c.max}`] : []);
  dev.set('resolution', dpi);
}

/** Scan area from the top-left corner. Feeder backends (fujitsu, canon_dr…) also want the paper size itself. */
function applyPageSize(dev: OpenDevice, size: NonNullable<ScanSettings['pageSize']>): void {
  const area = areaOf(size);
  const label = typeof size === 'string' ? size : `${area.widthMm}×${area.heightMm} mm`;
  if (usable(dev.options.get('page-width')) && usable(dev.options.get('page-height'))) {
    dev.set('page-width', area.widthMm);
    dev.set('page-height', area.heightMm);
  }
  const max = maxAreaOf(dev);
  if (!max) throw unsupported('纸张尺寸', label, []);
  if (!fits(area, max)) throw unsupported('纸张尺寸', label, [`最大 ${max.widthMm}×${max.heightMm} mm`, ...sizesFitting(max)]);
  const lowest = (name: string) => {
    const c = dev.options.get(name)?.constraint;
    return c?.kind === 'range' ? c.min : 0;
  };
  const [left, top] = [lowest('tl-x'), lowest('tl-y')];
  dev.set('tl-x', left);
  dev.set('tl-y', top);
  dev.set('br-x', Math.min(left + area.widthMm, max.widthMm));
  dev.set('br-y', Math.min(top + area.heightMm, max.heightMm));
}

/** Source first: it changes what else is offered (feeder area, resolutions); pass-through options last, so they win. */
function applySettings(dev: OpenDevice, settings: ScanSettings): void {
  if (settings.source) applySource(dev, settings.source);
  if (settings.mode) applyMode(dev, settings.mode);
  if (settings.resolution) applyResolution(dev, settings.resolution);
  if (settings.pageSize) applyPageSize(dev, settings.pageSize);
  for (const [name, value] of Object.entries(settings.options)) dev.set(name, value);
}

/** Whether the source in effect after the settings is a feeder: then pages continue until it is empty. */
function feeds(dev: OpenDevice): boolean {
  const source = dev.value('source');
  return typeof source === 'string' && (matchSource('adf', [source]) ?? matchSource('adf-duplex', [source])) !== undefined;
}

/** 16-bit samples (host byte order, as SANE sends them) become 8-bit: the pipeline stores 8-bit masters. */
function toEightBit(data: Buffer): Buffer {
  const out = Buffer.allocUnsafe(data.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = data[2 * i + HIGH_BYTE];
  return out;
}

type FrameResult = { params: SaneParameters; data: Buffer; lines: number } | 'no-docs' | 'aborted';

/**
 * Reads one frame to EOF. With a known height the page is read straight into one buffer;
 * with lines == -1 (hand scanners, some feeders) the buffer doubles until EOF.
 */
async function readFrame(dev: OpenDevice, signal?: AbortSignal): Promise<FrameResult> {
  const { s, handle } = dev;
  const params = {} as SaneParameters;
  check(s, s.getParameters(handle, params), 'read');
  if (params.format !== Frame.GRAY && params.format !== Frame.RGB) {
    throw new CourtError('SCANNER_UNSUPPORTED_SETTING', {
      message: '扫描仪以分色多遍方式送图，暂不支持；请关闭扫描仪的三遍扫描（three-pass）设置',
      messageEn: 'Three-pass colour frames are not supported',
      details: { format: params.format },
    });
  }
  if (![1, 8, 16].includes(params.depth) || (params.depth === 1 && params.format === Frame.RGB) || params.bytes_per_line <= 0) {
    throw new CourtError('SCANNER_UNSUPPORTED_SETTING', { message: `扫描仪送来的图像格式不受支持（${params.depth} 位）`, messageEn: `Unsupported frame: depth ${params.depth}`, details: { ...params } });
  }
  let buf = Buffer.allocUnsafe(params.lines > 0 ? params.bytes_per_line * params.lines : params.bytes_per_line * 256);
  let filled = 0;
  const length = [0];
  for (let reads = 1; ; reads++) {
    if (filled === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, filled);
      buf = bigger;
    }
    const status = s.read(handle, buf.subarray(filled), Math.min(BLOCK, buf.length - filled), length);
    if (status === Status.EOF) break;
    if (status === Status.NO_DOCS) return 'no-docs';
    check(s, status, 'read');
    filled += length[0];
    if (reads % BLOCKS_PER_TURN === 0) {
      await yieldToLoop();
      if (signal?.aborted) return 'aborted';
    }
  }
  const whole = Math.floor(filled / params.bytes_per_line);
  return { params, data: buf, lines: params.lines > 0 ? Math.min(params.lines, whole) : whole };
}

/**
 * The SANE adapter, in-process. Hosts run it inside the driver process (native/scanning) so that a
 * crashing backend cannot take the application with it.
 */
export class SaneScanner implements ScannerPort {
  /** Devices with a scan under way, and what they offered when opened: SANE opens a device once. */
  private readonly inUse = new Map<string, Capabilities>();
  /** Each device's option values when first opened in this process. */
  private readonly defaults = new Map<string, Map<string, Buffer>>();

  private open(device: string): OpenDevice {
    const dev = openDevice(device);
    try {
      const values = this.defaults.get(device);
      if (values) dev.restore(values);
      else this.defaults.set(device, dev.snapshot());
      return dev;
    } catch (err) {
      dev.close();
      throw err;
    }
  }

  async listDevices(): Promise<DeviceInfo[]> {
    const s = sane();
    const list: unknown[] = [null];
    check(s, s.getDevices(list, 0), 'devices');
    return decodeDevices(list[0]);
  }

  async capabilities(device: string): Promise<Capabilities> {
    const busy = this.inUse.get(device);
    if (busy) return busy;
    const dev = this.open(device);
    try {
      return capabilitiesOf(dev);
    } finally {
      dev.close();
    }
  }

  async *scan(device: string, settings: ScanSettings, signal?: AbortSignal): AsyncIterable<RawPage> {
    if (this.inUse.has(device)) throw new CourtError('SCANNER_BUSY', { details: { device } });
    const dev = this.open(device);
    const { s, handle } = dev;
    this.inUse.set(device, capabilitiesOf(dev));
    try {
      applySettings(dev, settings);
      const dpi = dev.value('resolution');
      const resolution = typeof dpi === 'number' ? dpi : 0;
      const feeder = feeds(dev);
      for (let index = 0; !signal?.aborted; index++) {
        const status = s.start(handle);
        // An empty feeder after the first page is how a batch ends.
        if (status === Status.NO_DOCS && index > 0) return;
        check(s, status, 'start', { device, page: index });
        const frame = await readFrame(dev, signal);
        if (frame === 'aborted') return;
        if (frame === 'no-docs') {
          if (index > 0) return;
          throw statusError(Status.NO_DOCS, 'read', s.strstatus(Status.NO_DOCS), { device });
        }
        const { params, lines } = frame;
        if (lines === 0) throw new CourtError('SCANNER_IO', { message: '扫描仪送来了空白数据（0 行）', messageEn: 'The scanner sent an empty frame', details: { device, page: index } });
        const wide = params.depth === 16;
        const data = frame.data.subarray(0, lines * params.bytes_per_line);
        yield {
          index,
          width: params.pixels_per_line,
          height: lines,
          depth: params.depth === 1 ? 1 : 8,
          channels: params.format === Frame.RGB ? 3 : 1,
          bytesPerLine: wide ? params.bytes_per_line / 2 : params.bytes_per_line,
          data: wide ? toEightBit(data) : data,
          resolution,
        };
        if (!feeder) return;
      }
    } finally {
      // Required after the last frame or to stop mid-batch; harmless when idle.
      s.cancel(handle);
      dev.close();
      this.inUse.delete(device);
    }
  }

  async close(): Promise<void> {}
}
