/**
 * The TWAIN session state machine (TWAIN 2.4 specification, chapter 3 "Application
 * Implementation": states 1–7). Pure logic, so the Windows adapter can be checked here, on
 * Linux, against recorded sessions: every triplet the adapter sends goes through `apply`, and a
 * triplet the current state does not allow is refused before it reaches the data source.
 */
export type TwainState = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type Triplet =
  | 'LOAD_DSM'
  | 'UNLOAD_DSM'
  | 'PARENT/OPENDSM'
  | 'PARENT/CLOSEDSM'
  | 'ENTRYPOINT/GET'
  | 'IDENTITY/GETFIRST'
  | 'IDENTITY/GETNEXT'
  | 'IDENTITY/OPENDS'
  | 'IDENTITY/CLOSEDS'
  | 'CAPABILITY/GET'
  | 'CAPABILITY/GETCURRENT'
  | 'CAPABILITY/QUERYSUPPORT'
  | 'CAPABILITY/SET'
  | 'CALLBACK2/REGISTER'
  | 'STATUS/GET'
  | 'SETUPMEMXFER/GET'
  | 'USERINTERFACE/ENABLEDS'
  | 'USERINTERFACE/DISABLEDS'
  | 'EVENT/XFERREADY'
  | 'EVENT/CLOSEDSREQ'
  | 'IMAGEINFO/GET'
  | 'IMAGENATIVEXFER/GET'
  | 'IMAGEMEMXFER/GET'
  | 'PENDINGXFERS/ENDXFER'
  | 'PENDINGXFERS/RESET';

/** What the data source answered, where the next state depends on it. */
export interface Outcome {
  /** TWRC_SUCCESS, TWRC_XFERDONE, TWRC_CANCEL or TWRC_FAILURE. */
  rc?: 'SUCCESS' | 'XFERDONE' | 'CANCEL' | 'FAILURE';
  /** TW_PENDINGXFERS.Count after MSG_ENDXFER; -1 when the source does not know how many remain. */
  pending?: number;
}

type Rule = { from: TwainState[]; to: (state: TwainState, o: Outcome) => TwainState };
const stay: Rule['to'] = (s) => s;
const go = (to: TwainState): Rule['to'] => () => to;

const rules: Record<Triplet, Rule> = {
  LOAD_DSM: { from: [1], to: go(2) },
  UNLOAD_DSM: { from: [2], to: go(1) },
  'PARENT/OPENDSM': { from: [2], to: go(3) },
  'PARENT/CLOSEDSM': { from: [3], to: go(2) },
  // DSM 2.x hands out its memory functions once it is open.
  'ENTRYPOINT/GET': { from: [3, 4, 5, 6, 7], to: stay },
  'IDENTITY/GETFIRST': { from: [3, 4, 5, 6, 7], to: stay },
  'IDENTITY/GETNEXT': { from: [3, 4, 5, 6, 7], to: stay },
  'IDENTITY/OPENDS': { from: [3], to: go(4) },
  'IDENTITY/CLOSEDS': { from: [4], to: go(3) },
  // Capabilities are negotiated in state 4; a few may be read later, none set.
  'CAPABILITY/GET': { from: [4, 5, 6, 7], to: stay },
  'CAPABILITY/GETCURRENT': { from: [4, 5, 6, 7], to: stay },
  'CAPABILITY/QUERYSUPPORT': { from: [4, 5, 6, 7], to: stay },
  'CAPABILITY/SET': { from: [4], to: stay },
  // A windowless application hears MSG_XFERREADY through this callback; it is registered before enabling.
  'CALLBACK2/REGISTER': { from: [4], to: stay },
  // The condition code of the last failure: from the DSM in state 3, from the data source in 4–7.
  'STATUS/GET': { from: [3, 4, 5, 6, 7], to: stay },
  'SETUPMEMXFER/GET': { from: [4, 5, 6], to: stay },
  'USERINTERFACE/ENABLEDS': { from: [4], to: go(5) },
  'USERINTERFACE/DISABLEDS': { from: [5], to: go(4) },
  'EVENT/XFERREADY': { from: [5], to: go(6) },
  'EVENT/CLOSEDSREQ': { from: [5, 6, 7], to: stay },
  'IMAGEINFO/GET': { from: [6], to: stay },
  // Native transfer: one call moves the whole image (state 7 on XFERDONE; back to 6 on cancel).
  'IMAGENATIVEXFER/GET': { from: [6], to: (s, o) => (o.rc === 'XFERDONE' ? 7 : o.rc === 'CANCEL' ? 7 : s) },
  // Memory transfer: strips arrive in state 7 until XFERDONE.
  'IMAGEMEMXFER/GET': { from: [6, 7], to: (s, o) => (o.rc === 'SUCCESS' || o.rc === 'XFERDONE' || o.rc === 'CANCEL' ? 7 : s) },
  // Count -1 means "more, number unknown" (a feeder until it runs empty): still state 6.
  'PENDINGXFERS/ENDXFER': { from: [6, 7], to: (_s, o) => ((o.pending ?? 0) !== 0 ? 6 : 5) },
  'PENDINGXFERS/RESET': { from: [6], to: go(5) },
};

export class TwainSequenceError extends Error {
  constructor(
    readonly state: TwainState,
    readonly triplet: Triplet,
  ) {
    super(`TWAIN: ${triplet} is not allowed in state ${state}`);
  }
}

export class TwainStateMachine {
  private current: TwainState = 1;

  get state(): TwainState {
    return this.current;
  }

  /** Checks a triplet against the current state and moves to the next one; throws TwainSequenceError if out of order. */
  apply(triplet: Triplet, outcome: Outcome = { rc: 'SUCCESS' }): TwainState {
    this.check(triplet);
    if (outcome.rc === 'FAILURE') return this.current;
    this.current = rules[triplet].to(this.current, outcome);
    return this.current;
  }

  /** Throws TwainSequenceError if the current state does not allow the triplet; changes nothing (checked before the call is made). */
  check(triplet: Triplet): void {
    if (!rules[triplet].from.includes(this.current)) throw new TwainSequenceError(this.current, triplet);
  }
}
