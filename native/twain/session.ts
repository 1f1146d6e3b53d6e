import { CourtError } from '../../core/contract/index.js';
import { TwainStateMachine, type Outcome, type TwainState, type Triplet } from '../../core/scanning/twain/stateMachine.js';
import { twainError, type TwainStep } from './conditionError.js';
import { DAT, DF, DG, MSG, TWCC, TWCY_CHINA, TWLG_CHINESE_SIMPLIFIED, TWRC } from './constants.js';
import { blankIdentity, type DsmEntry, type Identity, type StatusData, type TwainData } from './dsmEntry.js';

/** Each triplet the session sends: data group, DAT, MSG, and whether the source (not the DSM) answers. */
const wire: Partial<Record<Triplet, [number, number, number, 'dsm' | 'source']>> = {
  'PARENT/OPENDSM': [DG.CONTROL, DAT.PARENT, MSG.OPENDSM, 'dsm'],
  'PARENT/CLOSEDSM': [DG.CONTROL, DAT.PARENT, MSG.CLOSEDSM, 'dsm'],
  'ENTRYPOINT/GET': [DG.CONTROL, DAT.ENTRYPOINT, MSG.GET, 'dsm'],
  'IDENTITY/GETFIRST': [DG.CONTROL, DAT.IDENTITY, MSG.GETFIRST, 'dsm'],
  'IDENTITY/GETNEXT': [DG.CONTROL, DAT.IDENTITY, MSG.GETNEXT, 'dsm'],
  'IDENTITY/OPENDS': [DG.CONTROL, DAT.IDENTITY, MSG.OPENDS, 'dsm'],
  'IDENTITY/CLOSEDS': [DG.CONTROL, DAT.IDENTITY, MSG.CLOSEDS, 'dsm'],
  'CAPABILITY/GET': [DG.CONTROL, DAT.CAPABILITY, MSG.GET, 'source'],
  'CAPABILITY/GETCURRENT': [DG.CONTROL, DAT.CAPABILITY, MSG.GETCURRENT, 'source'],
  'CAPABILITY/QUERYSUPPORT': [DG.CONTROL, DAT.CAPABILITY, MSG.QUERYSUPPORT, 'source'],
  'CAPABILITY/SET': [DG.CONTROL, DAT.CAPABILITY, MSG.SET, 'source'],
  'CALLBACK2/REGISTER': [DG.CONTROL, DAT.CALLBACK2, MSG.REGISTER_CALLBACK, 'source'],
  'SETUPMEMXFER/GET': [DG.CONTROL, DAT.SETUPMEMXFER, MSG.GET, 'source'],
  'USERINTERFACE/ENABLEDS': [DG.CONTROL, DAT.USERINTERFACE, MSG.ENABLEDS, 'source'],
  'USERINTERFACE/DISABLEDS': [DG.CONTROL, DAT.USERINTERFACE, MSG.DISABLEDS, 'source'],
  'IMAGEINFO/GET': [DG.IMAGE, DAT.IMAGEINFO, MSG.GET, 'source'],
  'IMAGEMEMXFER/GET': [DG.IMAGE, DAT.IMAGEMEMXFER, MSG.GET, 'source'],
  'IMAGENATIVEXFER/GET': [DG.IMAGE, DAT.IMAGENATIVEXFER, MSG.GET, 'source'],
  'PENDINGXFERS/ENDXFER': [DG.CONTROL, DAT.PENDINGXFERS, MSG.ENDXFER, 'source'],
  'PENDINGXFERS/RESET': [DG.CONTROL, DAT.PENDINGXFERS, MSG.RESET, 'source'],
};

/** One step of a session as a trace shows it: what was sent, what came back, the state after. */
export interface TraceStep {
  triplet: Triplet;
  rc: number;
  cc: number;
  state: TwainState;
}

export interface Answer {
  rc: number;
  /** The condition code read with DAT_STATUS after a failure; TWCC_SUCCESS otherwise. */
  cc: number;
}

const failed = (rc: number) => rc !== TWRC.SUCCESS && rc !== TWRC.XFERDONE && rc !== TWRC.CANCEL && rc !== TWRC.CHECKSTATUS && rc !== TWRC.ENDOFLIST;

function outcomeOf(rc: number, data: TwainData): Outcome {
  if (failed(rc)) return { rc: 'FAILURE' };
  const pending = 'count' in data ? { pending: data.count } : {};
  return { rc: rc === TWRC.XFERDONE ? 'XFERDONE' : rc === TWRC.CANCEL ? 'CANCEL' : 'SUCCESS', ...pending };
}

/** Who we are to the DSM: a TWAIN 2 application (DF_APP2) for image data. */
function appIdentity(): Identity {
  return {
    Id: 0,
    Version: { MajorNum: 1, MinorNum: 0, Language: TWLG_CHINESE_SIMPLIFIED, Country: TWCY_CHINA, Info: 'CourtDesk' },
    ProtocolMajor: 2,
    ProtocolMinor: 4,
    SupportedGroups: DG.CONTROL | DG.IMAGE | DF.APP2,
    Manufacturer: 'CourtDesk',
    ProductFamily: 'Court workstation',
    ProductName: 'CourtDesk',
  };
}

/**
 * One DSM session: every triplet goes through the state machine first (an out-of-order one never
 * reaches the driver), failures come back with their condition code, and messages from the source
 * (MSG_XFERREADY, MSG_CLOSEDSREQ) queue up until the scan loop waits for them.
 */
export class TwainSession {
  readonly machine = new TwainStateMachine();
  readonly app = appIdentity();
  source: Identity | null = null;
  private readonly messages: number[] = [];
  private wake: (() => void) | null = null;

  constructor(
    private readonly entry: DsmEntry,
    private readonly trace?: (step: TraceStep) => void,
  ) {
    // The DSM library is loaded (dsmLibrary.ts) before a session exists.
    this.step('LOAD_DSM');
  }

  /** A transition without a call: the DSM library loaded or let go, a message heard from the source. */
  step(triplet: 'LOAD_DSM' | 'UNLOAD_DSM' | 'EVENT/XFERREADY'): void {
    this.machine.apply(triplet);
    this.trace?.({ triplet, rc: TWRC.SUCCESS, cc: TWCC.SUCCESS, state: this.state });
  }

  get state(): TwainState {
    return this.machine.state;
  }

  send(triplet: Triplet, data: TwainData): Answer {
    const route = wire[triplet];
    if (!route) throw new Error(`TWAIN: ${triplet} is not sent to the DSM`);
    const [dg, dat, msg, to] = route;
    // Checked before the call: an out-of-order triplet throws TwainSequenceError here.
    this.machine.check(triplet);
    const rc = this.entry(this.app, to === 'source' ? this.source : null, dg, dat, msg, data);
    this.machine.apply(triplet, outcomeOf(rc, data));
    const cc = failed(rc) ? this.conditionCode() : TWCC.SUCCESS;
    this.trace?.({ triplet, rc, cc, state: this.state });
    return { rc, cc };
  }

  /** Like send, but a failure becomes the operator-facing CourtError for that step. */
  expect(triplet: Triplet, data: TwainData, step: TwainStep, extra?: Record<string, unknown>): number {
    const { rc, cc } = this.send(triplet, data);
    if (failed(rc)) throw twainError(rc, cc, step, triplet, { device: this.source?.ProductName, ...extra });
    return rc;
  }

  private conditionCode(): number {
    const status: StatusData = { conditionCode: TWCC.BUMMER };
    // The DSM answers for itself until a source is open; then the source answers.
    const rc = this.entry(this.app, this.machine.state >= 4 ? this.source : null, DG.CONTROL, DAT.STATUS, MSG.GET, status);
    return rc === TWRC.SUCCESS ? status.conditionCode : TWCC.BUMMER;
  }

  /** MSG_OPENDSM with no parent window, then the DSM 2 entry points (memory functions). */
  open(): void {
    this.expect('PARENT/OPENDSM', { parent: null }, 'list');
    if (!(this.app.SupportedGroups & DF.DSM2)) {
      throw new CourtError('SCANNER_DRIVER_MISSING', {
        message: 'TWAIN 数据源管理器版本过旧（需要 TWAIN 2 的 TWAINDSM.dll）',
        messageEn: 'The TWAIN Data Source Manager is older than TWAIN 2',
        remedy: '请安装 TWAIN 工作组发布的 TWAIN DSM 2.x 后重试',
      });
    }
    this.expect('ENTRYPOINT/GET', {}, 'list');
  }

  /** Every source the DSM knows, in its order. */
  sources(): Identity[] {
    const found: Identity[] = [];
    for (let triplet: Triplet = 'IDENTITY/GETFIRST'; ; triplet = 'IDENTITY/GETNEXT') {
      const id = blankIdentity();
      const { rc, cc } = this.send(triplet, id);
      if (rc === TWRC.ENDOFLIST || (failed(rc) && cc === TWCC.NODS)) return found;
      if (failed(rc)) throw twainError(rc, cc, 'list', triplet);
      found.push(id);
    }
  }

  /** Opens the source named `device` and registers for its messages (state 4). */
  openSource(device: string): void {
    const source = this.sources().find((s) => s.ProductName === device);
    if (!source) throw new CourtError('SCANNER_OFFLINE', { details: { device } });
    this.expect('IDENTITY/OPENDS', source, 'open', { device });
    this.source = source;
    this.expect('CALLBACK2/REGISTER', { onMessage: (msg) => this.hear(msg) }, 'open');
  }

  private hear(msg: number): void {
    this.messages.push(msg);
    this.wake?.();
    this.wake = null;
  }

  /** The next message from the source, or null once the signal aborts. */
  async nextMessage(signal?: AbortSignal): Promise<number | null> {
    while (this.messages.length === 0) {
      if (signal?.aborted) return null;
      const stop = () => this.wake?.();
      signal?.addEventListener('abort', stop, { once: true });
      await new Promise<void>((r) => (this.wake = r));
      signal?.removeEventListener('abort', stop);
    }
    return this.messages.shift()!;
  }

  /**
   * Steps back to state 1 from wherever the session is, in the order the specification gives:
   * end the transfer, drop pending ones, disable, close the source, close the DSM. A step the
   * source refuses stops the walk; the driver process ending releases what is left.
   */
  close(): void {
    const steps: Partial<Record<TwainState, [Triplet, () => TwainData]>> = {
      7: ['PENDINGXFERS/ENDXFER', () => ({ count: 0 })],
      6: ['PENDINGXFERS/RESET', () => ({ count: 0 })],
      5: ['USERINTERFACE/DISABLEDS', () => ({ showUI: false, modalUI: false })],
      4: ['IDENTITY/CLOSEDS', () => this.source!],
      3: ['PARENT/CLOSEDSM', () => ({ parent: null })],
    };
    for (let step = steps[this.state]; step; step = steps[this.state]) {
      const [triplet, data] = step;
      // Closing runs in finally blocks: report a refusal on stderr (the driver process's crash report keeps it), never mask the error that led here.
      let refusal: string | null;
      try {
        const { rc, cc } = this.send(triplet, data());
        refusal = failed(rc) ? `condition ${cc}` : null;
      } catch (err) {
        refusal = err instanceof Error ? err.message : String(err);
      }
      if (refusal) {
        process.stderr.write(`TWAIN: ${triplet} refused in state ${this.state} (${refusal}); the source stays open until the driver process ends\n`);
        return;
      }
    }
    if (this.state === 2) this.step('UNLOAD_DSM');
  }
}

