import type { Command } from 'commander';
import { CourtError, type ErrorData } from '../../../core/contract/index.js';
import { DEFAULT_OCR_LANGS } from '../../../core/ocr/port.js';
import { capturedPageIds, captureResultJson } from '../../../core/scanning/batches/captureResult.js';
import { ScanSettingsSchema, modes, sources, type Capabilities, type DeviceInfo } from '../../../core/scanning/port/scannerPort.js';
import { IsolatedScanner } from '../../../native/scanning/isolatedScanner.js';
import { createCaptureServices } from '../../capture.js';
import { createOcrQueue } from '../../ocr.js';
import { cliCallContext } from '../cliContext.js';
import { exitCodeForErrors } from '../output.js';
import type { Run } from '../program.js';

function oneOf<T extends string>(what: string, allowed: readonly T[]) {
  return (value: string): T => {
    if ((allowed as readonly string[]).includes(value)) return value as T;
    throw new CourtError('INVALID_INPUT', { message: `${what}应为 ${allowed.join('、')} 之一（输入：${value}）`, messageEn: `${what}: one of ${allowed.join(', ')}` });
  };
}

function keyValue(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const at = value.indexOf('=');
  if (at < 1) throw new CourtError('INVALID_INPUT', { message: `--option 应为 键=值（输入：${value}）`, messageEn: `--option takes key=value (input: ${value})` });
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}

export function registerScanCommands(program: Command, run: Run): void {
  program
    .command('devices')
    .description('列出扫描仪及其能力 / list scanners')
    .action((_opts: unknown, cmd: Command) =>
      run(cmd, async ({ out }) => {
        const scanner = new IsolatedScanner();
        try {
          const devices = await scanner.listDevices();
          const withCaps: (DeviceInfo & { capabilities: Capabilities | { error: ErrorData } })[] = [];
          for (const d of devices) withCaps.push({ ...d, capabilities: await scanner.capabilities(d.name).catch((e: CourtError) => ({ error: e.toData() })) });
          out.result(withCaps, () => (withCaps.length === 0 ? '未发现扫描仪' : withCaps.map((d) => `${d.name}\t${d.vendor} ${d.model}\t${d.type}`).join('\n')));
        } finally {
          await scanner.close();
        }
      }),
    );

  program
    .command('scan')
    .description('扫描到案件：每页扫描后立即保存 / scan into a case')
    .requiredOption('--case <案号>')
    .requiredOption('--device <设备名>', '见 courtdesk devices，如 test:0')
    .option('--source <来源>', sources.join('|'), oneOf('纸张来源', sources))
    .option('--resolution <dpi>', '分辨率', (v) => Number.parseInt(v, 10))
    .option('--mode <模式>', modes.join('|'), oneOf('颜色模式', modes))
    .option('--option <键=值>', '直接传给驱动的选项，可重复，如 filename=/path/page.pnm', keyValue)
    .option('--no-orientation', '不做方向检测（已知材料方向正确时更快）')
    .action(
      (opts: { case: string; device: string; source?: string; resolution?: number; mode?: string; option?: Record<string, string>; orientation: boolean }, cmd: Command) =>
        run(cmd, async ({ core, out }) => {
          const settings = ScanSettingsSchema.parse({ source: opts.source, resolution: opts.resolution, mode: opts.mode, options: opts.option ?? {} });
          const opened = core();
          const capture = createCaptureServices(opened);
          const abort = new AbortController();
          const stop = () => abort.abort();
          process.once('SIGINT', stop);
          try {
            const result = await capture.captures.scan({
              caseNumber: opts.case,
              device: opts.device,
              settings,
              pages: capture.scanner.scan(opts.device, settings, abort.signal),
              actor: cliCallContext().session!.username,
              signal: abort.signal,
              pageOptions: { orientation: opts.orientation },
              onProgress: (p) => out.info(`已保存第 ${p.done} 页`),
            });
            createOcrQueue(opened).enqueue(capturedPageIds(result), DEFAULT_OCR_LANGS);
            const json = captureResultJson(result, opened.blobs);
            out.result(json, () => `已扫描 ${json.pages.length} 页到 ${json.case}`);
            for (const e of json.errors) out.info(`错误：${e.message}。${e.remedy}`);
            process.exitCode = exitCodeForErrors(json.errors, json.pages.length);
          } finally {
            process.off('SIGINT', stop);
            await capture.close();
          }
        }),
    );
}
