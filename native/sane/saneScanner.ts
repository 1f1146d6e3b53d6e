import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { CourtError } from '../../core/contract/index.js';
import { matchMode, matchSource, offeredModes, offeredSources } from '../../core/scanning/port/matchOption.js';
import type { Capabilities, DeviceInfo, RawPage, ScannerPort, ScanSettings } from '../../core/scanning/port/scannerPort.js';
import { Action, Frame, Status, ValueType, decodeDevices, sane, type Sane, type SaneParameters } from './bindings.js';
import { readOptions, setOption, type SaneOption } from './options.js';
import { statusError } from './statusError.js';

/** SANE's recommended transfer size; larger buffers gain nothing and smaller ones cost calls. */
const BLOCK = 64 * 1024;

function check(s: Sane, status: number, during: string): void {
  if (status !== Status.GOOD) throw statusError(status, during, s.strstatus(status));
}

function unsupported(what: string, wanted: string, offered: readonly (string | number)[]): CourtError {
  return new CourtError('SCANNER_UNSUPPORTED_SETTING', {
    message: `扫描仪不支持${what}“${wanted}”，可选：${offered.join('、') || '无'}`,
    messageEn: `The scanner does not support ${what} "${wanted}"; it offers: ${offered.join(', ')}`,
    details: { what, wanted, offered },
  });
}

const strings = (o: SaneOption | undefined) => (o?.constraint?.kind === 'strings' ? o.constraint.values : []);
const words = (o: SaneOption | undefined) => (o?.constraint?.kind === 'words' ? o.constraint.values : []);

function readNumber(s: Sane, handle: unknown, opt: SaneOption): number {
  const buf = Buffer.alloc(Math.max(opt.size, 4));
  check(s, s.controlOption(handle, opt.index, Action.GET_VALUE, buf, [0]), `get ${opt.name}`);
  const word = buf.readInt32LE(0);
  return opt.type === ValueType.FIXED ? word / 65536 : word;
}

/** One open device handle with its options, re-read whenever the backend says they changed. */
class OpenDevice {
  options: Map<string, SaneOption>;

  constructor(
    readonly s: Sane,
    readonly handle: unknown,
  ) {
    this.options = readOptions(s, handle);
  }

  set(name: string, value: string | number | boolean): void {
    const opt = this.options.get(name);
    if (!opt) throw unsupported('选项', name, [...this.options.keys()]);
    if (setOption(this.s, this.handle, opt, value).reload) this.options = readOptions(this.s, this.handle);
  }

  close(): void {
    this.s.close(this.handle);
  }
}

function openDevice(name: string): OpenDevice {
  const s = sane();
  const out: unknown[] = [null];
  const status = s.open(name, out);
  if (status === Status.INVAL) throw new CourtError('SCANNER_OFFLINE', { details: { device: name } });
  check(s, status, `open ${name}`);
  return new OpenDevice(s, out[0]);
}

function capabilitiesOf(name: string, dev: OpenDevice): Capabilities {
  const res = dev.options.get('resolution');
  const brX = dev.options.get('br-x')?.constraint;
  const brY = dev.options.get('br-y')?.constraint;
  return {
    device: name,
    sources: dev.options.has('source') ? offeredSources(strings(dev.options.get('source'))) : { flatbed: 'Flatbed' },
    modes: offeredModes(strings(dev.options.get('mode')), words(dev.options.get('depth'))),
    resolutions:
      res?.constraint?.kind === 'words'
        ? { list: res.constraint.values }
        : res?.constraint?.kind === 'range'
          ? { min: res.constraint.min, max: res.constraint.max, step: res.constraint.quant || 1 }
          : null,
    maxArea: brX?.kind === 'range' && brY?.kind === 'range' ? { widthMm: brX.max, heightMm: brY.max } : null,
  };
}

/** Applies our settings in the order backends expect: source and mode change what else is offered. */
function applySettings(dev: OpenDevice, settings: ScanSettings): void {
  if (settings.source) {
    const values = strings(dev.options.get('source'));
    const value = matchSource(settings.source, values);
    if (!value) throw unsupported('纸张来源', settings.source, values);
    dev.set('source', value);
  }
  if (settings.mode) {
    const values = strings(dev.options.get('mode'));
    const depths = words(dev.options.get('depth'));
    const value = matchMode(settings.mode, values) ?? (settings.mode === 'lineart' && depths.includes(1) ? matchMode('gray', values) : undefined);
    if (!value) throw unsupported('颜色模式', settings.mode, values);
    dev.set('mode', value);
    const depth = settings.mode === 'lineart' ? 1 : 8;
    if (words(dev.options.get('depth')).includes(depth)) dev.set('depth', depth);
  }
  if (settings.resolution) {
    const res = dev.options.get('resolution');
    const c = res?.constraint;
    const ok = c?.kind === 'words' ? c.values.includes(settings.resolution) : c?.kind === 'range' ? settings.resolution >= c.min && settings.resolution <= c.max : Boolean(res);
    if (!ok) throw unsupported('分辨率', String(settings.resolution), c?.kind === 'words' ? c.values : c?.kind === 'range' ? [`${c.min}–${c.max}`] : []);
    dev.set('resolution', settings.resolution);
  }
  for (const [name, value] of Object.entries(settings.options)) dev.set(name, value);
}

async function readFrame(dev: OpenDevice, signal?: AbortSignal): Promise<{ params: SaneParameters; data: Buffer }> {
  const { s, handle } = dev;
  const params = {} as SaneParameters;
  check(s, s.getParameters(handle, params), 'get parameters');
  if (params.format !== Frame.GRAY && params.format !== Frame.RGB) {
    throw new CourtError('SCANNER_UNSUPPORTED_SETTING', { message: '扫描仪使用三次扫描的彩色格式，暂不支持', messageEn: 'three-pass colour frames are not supported', details: { format: params.format } });
  }
  const chunks: Buffer[] = [];
  const block = Buffer.allocUnsafe(BLOCK);
  const length = [0];
  for (let reads = 1; ; reads++) {
    const status = s.read(handle, block, BLOCK, length);
    if (status === Status.EOF) break;
    check(s, status, 'read');
    if (length[0] > 0) chunks.push(Buffer.from(block.subarray(0, length[0])));
    // Let a cancel message through between blocks; the read itself never blocks for long.
    if (reads % 16 === 0) {
      await yieldToLoop();
      if (signal?.aborted) break;
    }
  }
  return { params, data: Buffer.concat(chunks) };
}

/** 16-bit samples (host order) become 8-bit: the pipeline stores 8-bit masters. */
function toEightBit(data: Buffer): Buffer {
  const out = Buffer.allocUnsafe(data.length >> 1);
  const hi = new Uint16Array(data.buffer, data.byteOffset, out.length);
  for (let i = 0; i < out.length; i++) out[i] = hi[i] >> 8;
  return out;
}

/**
 * The SANE adapter, in-process. Hosts run it inside the driver process (native/scanning) so that a
 * crashing backend cannot take the application with it.
 */
export class SaneScanner implements ScannerPort {
  async listDevices(): Promise<DeviceInfo[]> {
    const s = sane();
    const list: unknown[] = [null];
    check(s, s.getDevices(list, 0), 'list devices');
    return decodeDevices(list[0]);
  }

  async capabilities(device: string): Promise<Capabilities> {
    const dev = openDevice(device);
    try {
      return capabilitiesOf(device, dev);
    } finally {
      dev.close();
    }
  }

  async *scan(device: string, settings: ScanSettings, signal?: AbortSignal): AsyncIterable<RawPage> {
    const dev = openDevice(device);
    const { s, handle } = dev;
    try {
      applySettings(dev, settings);
      const resOpt = dev.options.get('resolution');
      const resolution = resOpt ? readNumber(s, handle, resOpt) : 0;
      const feeder = settings.source === 'adf' || settings.source === 'adf-duplex' || /adf|feeder|duplex/i.test(settings.options.source ?? '');
      for (let index = 0; !signal?.aborted; index++) {
        const status = s.start(handle);
        // An empty feeder after at least one page is the normal end of an ADF batch.
        if (status === Status.NO_DOCS && index > 0) return;
        check(s, status, 'start');
        const { params, data } = await readFrame(dev, signal);
        if (signal?.aborted) return;
        const depth16 = params.depth === 16;
        const bytesPerLine = depth16 ? params.bytes_per_line / 2 : params.bytes_per_line;
        const pixels = depth16 ? toEightBit(data) : data;
        const height = params.lines > 0 ? params.lines : Math.floor(pixels.length / bytesPerLine);
        yield {
          index,
          width: params.pixels_per_line,
          height,
          depth: params.depth === 1 ? 1 : 8,
          channels: params.format === Frame.RGB ? 3 : 1,
          bytesPerLine,
          data: pixels,
          resolution,
        };
        if (!feeder) return;
      }
    } finally {
      s.cancel(handle);
      dev.close();
    }
  }

  async close(): Promise<void> {}
}

