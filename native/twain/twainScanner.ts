import { CourtError } from '../../core/contract/index.js';
import type { Capabilities, DeviceInfo, RawPage, ScannerPort, ScanSettings } from '../../core/scanning/port/scannerPort.js';
import { readOffer } from './capabilities.js';
import { MSG } from './constants.js';
import type { DsmEntry, ImageInfoData, PendingXfersData, SetupMemXferData } from './dsmEntry.js';
import { loadDsm } from './dsmLibrary.js';
import { feederLoaded, negotiate, type Plan } from './negotiate.js';
import { TwainSession, type TraceStep } from './session.js';
import { memoryPage, nativePage } from './transfer.js';

/** A strip buffer when the source states no preference (TW_SETUPMEMXFER.Preferred of TWON_DONTCARE32). */
const DEFAULT_STRIP = 64 * 1024;

/** Waits in state 5 for MSG_XFERREADY (to state 6) or MSG_CLOSEDSREQ; device events are not for us. */
async function transferReady(s: TwainSession, signal?: AbortSignal): Promise<'ready' | 'closed' | 'aborted'> {
  for (;;) {
    const msg = await s.nextMessage(signal);
    if (msg === null) return 'aborted';
    if (msg === MSG.CLOSEDSREQ) return 'closed';
    if (msg === MSG.XFERREADY) {
      s.step('EVENT/XFERREADY');
      return 'ready';
    }
  }
}

function feederEmpty(device: string): CourtError {
  return new CourtError('SCANNER_FEEDER_EMPTY', { details: { device } });
}

export interface TwainScannerOptions {
  /** DSM_Entry; TWAINDSM.dll through koffi unless a test replays a recorded session. */
  dsm?: () => DsmEntry;
  /** Sees every triplet with its return code, condition code and the state after it (field diagnostics, tests). */
  trace?: (step: TraceStep) => void;
}

/**
 * The TWAIN adapter (Windows). Each port call is one DSM session, opened and closed in full:
 * listing, reading capabilities, or a scan from MSG_OPENDSM to MSG_CLOSEDSM. The source is driven
 * without its own window (ShowUI FALSE) and heard through DAT_CALLBACK2. Hosts run it inside the
 * driver process (native/scanning), so a crashing driver takes only that process down.
 */
export class TwainScanner implements ScannerPort {
  /** Devices with a scan under way, and what they offered: a TWAIN source serves one session at a time. */
  private readonly inUse = new Map<string, Capabilities>();

  private readonly dsm: () => DsmEntry;
  private readonly trace?: (step: TraceStep) => void;

  constructor(options: TwainScannerOptions = {}) {
    this.dsm = options.dsm ?? (() => loadDsm());
    this.trace = options.trace;
  }

  private open(): TwainSession {
    return new TwainSession(this.dsm(), this.trace);
  }

  private session<T>(use: (s: TwainSession) => T): T {
    const s = this.open();
    try {
      s.open();
      return use(s);
    } finally {
      s.close();
    }
  }

  async listDevices(): Promise<DeviceInfo[]> {
    return this.session((s) => s.sources().map((id) => ({ name: id.ProductName, vendor: id.Manufacturer, model: id.ProductFamily, type: 'TWAIN scanner' })));
  }

  async capabilities(device: string): Promise<Capabilities> {
    const busy = this.inUse.get(device);
    if (busy) return busy;
    return this.session((s) => {
      s.openSource(device);
      return readOffer(s, device).capabilities;
    });
  }

  async *scan(device: string, settings: ScanSettings, signal?: AbortSignal): AsyncIterable<RawPage> {
    if (this.inUse.has(device)) throw new CourtError('SCANNER_BUSY', { details: { device } });
    const s = this.open();
    try {
      s.open();
      s.openSource(device);
      const offer = readOffer(s, device);
      this.inUse.set(device, offer.capabilities);
      const plan = negotiate(s, offer, settings);
      if (plan.feeder && feederLoaded(s) === false) throw feederEmpty(device);
      const setup: SetupMemXferData = { minBufSize: 0, maxBufSize: 0, preferred: 0 };
      if (plan.memory) s.expect('SETUPMEMXFER/GET', setup, 'transfer');
      const bufferSize = setup.preferred > 0 && setup.preferred !== 0xffffffff ? setup.preferred : Math.max(setup.minBufSize, DEFAULT_STRIP);
      if (signal?.aborted) return;
      s.expect('USERINTERFACE/ENABLEDS', { showUI: false, modalUI: false }, 'enable', { device });
      yield* this.pages(s, device, plan, bufferSize, signal);
    } finally {
      // Every path out steps back through the states: ENDXFER, RESET, DISABLEDS, CLOSEDS, CLOSEDSM.
      s.close();
      this.inUse.delete(device);
    }
  }

  /**
   * State 5 onwards: wait for MSG_XFERREADY, then transfer and end each image until the source has
   * none pending. An empty feeder after the first page ends the batch; before it, it is reported.
   */
  private async *pages(s: TwainSession, device: string, plan: Plan, bufferSize: number, signal?: AbortSignal): AsyncIterable<RawPage> {
    for (let index = 0; ; index++) {
      if (s.state === 5) {
        const heard = await transferReady(s, signal);
        if (heard === 'aborted') return;
        if (heard === 'closed') {
          // The source asked to be closed (its own cancel button, or nothing to feed) before any page.
          if (index > 0) return;
          throw plan.feeder && feederLoaded(s) === false ? feederEmpty(device) : new CourtError('SCANNER_CANCELLED', { details: { device } });
        }
      }
      if (signal?.aborted) return;
      let page: RawPage | null;
      try {
        const info = {} as ImageInfoData;
        s.expect('IMAGEINFO/GET', info, 'transfer', { page: index });
        page = plan.memory ? await memoryPage(s, index, info, bufferSize, plan, signal) : nativePage(s, index, info);
      } catch (err) {
        if (index > 0 && err instanceof CourtError && err.code === 'SCANNER_FEEDER_EMPTY') return;
        throw err;
      }
      if (!page) return;
      const pending: PendingXfersData = { count: 0 };
      s.expect('PENDINGXFERS/ENDXFER', pending, 'transfer', { page: index });
      yield page;
      if (pending.count === 0 || !plan.feeder) return;
    }
  }

  async close(): Promise<void> {}
}
