import { useCallback, useEffect, useState } from 'react';
import type { EventPayload, PageEditResult, ScanBatch, ScanPage, ScanStateEvent } from '../../../core/contract/index.js';
import { useCourtApi, useCourtEvent } from '../../api/CourtContext.js';
import { useCourtAction } from '../../api/useCourtAction.js';
import type { DeskSettings } from './deviceSettings.js';
import { afterEdit, withArrivedPage } from './pageOrder.js';

export interface ScanSession {
  pages: ScanPage[];
  batches: ScanBatch[];
  /** The batch this desk last started or continued, as its latest scan.state told. */
  current: ScanStateEvent | null;
  /** When each page of the current run arrived, for the pages-per-minute figure. */
  arrivals: number[];
  /** A call that failed (start refused, list not loaded); scan failures arrive in current.error. */
  error: unknown;
  busy: boolean;
  /** Starts a batch; with `after`, its pages go after that page number (插入页面). */
  start(device: string, settings: DeskSettings, after?: number): Promise<void>;
  cancel(): Promise<void>;
  resume(batchId: number): Promise<void>;
  /** Shows what a page edit (rotate, move, remove, restore, rescan) left. */
  applyEdit(result: PageEditResult): void;
}

/** The pages and batches of one case, kept live from scan.page and scan.state. */
export function useScanSession(caseNumber: string | null): ScanSession {
  const api = useCourtApi();
  const [pages, setPages] = useState<ScanPage[]>([]);
  const [batches, setBatches] = useState<ScanBatch[]>([]);
  const [current, setCurrent] = useState<ScanStateEvent | null>(null);
  const [arrivals, setArrivals] = useState<number[]>([]);
  const { busy, error, act, fail: setError } = useCourtAction();
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    setCurrent(null);
    setArrivals([]);
    setPages([]);
    setBatches([]);
  }, [caseNumber]);

  useEffect(() => {
    if (!caseNumber) return;
    let live = true;
    Promise.all([api.scanning.pages({ number: caseNumber }), api.scanning.batches({ number: caseNumber })]).then(
      ([p, b]) => {
        if (!live) return;
        setPages(p);
        setBatches(b);
        const running = b.find((x) => x.status === 'running');
        if (running) setCurrent((c) => c ?? { batchId: running.id, case: running.case, status: 'running', pages: running.pages, error: null });
      },
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [api, caseNumber, generation]);

  useCourtEvent(
    'scan.page',
    useCallback(
      (e: EventPayload<'scan.page'>) => {
        if (e.case !== caseNumber) return;
        setPages((p) => withArrivedPage(p, e.page));
        setArrivals((a) => [...a, Date.now()]);
      },
      [caseNumber],
    ),
  );

  useCourtEvent(
    'scan.state',
    useCallback(
      (e: EventPayload<'scan.state'>) => {
        if (e.case !== caseNumber) return;
        setCurrent(e);
        if (e.status !== 'running') setGeneration((g) => g + 1);
      },
      [caseNumber],
    ),
  );


  // The running scan.state usually arrives before the call's answer; this covers a host that sends it later.
  const begin = useCallback(
    (batchId: number) => {
      setCurrent((c) =>
        c?.batchId === batchId && c.status === 'running' ? c : { batchId, case: caseNumber ?? '', status: 'running', pages: c?.batchId === batchId ? c.pages : 0, error: null },
      );
      setGeneration((g) => g + 1);
    },
    [caseNumber],
  );

  const applyEdit = useCallback((result: PageEditResult) => setPages((p) => afterEdit(p, result)), []);

  return {
    pages,
    batches,
    current,
    arrivals,
    error,
    busy,
    start: (device, { orientation, ...settings }, after) =>
      act(async () => {
        if (!caseNumber) return;
        setArrivals([]);
        const scan = { case: caseNumber, device, settings, orientation };
        const { batchId } = after === undefined ? await api.scanning.start(scan) : await api.scanning.insertScan({ ...scan, after });
        begin(batchId);
      }),
    cancel: () =>
      act(async () => {
        if (current?.status === 'running') await api.scanning.cancel({ batchId: current.batchId });
      }),
    resume: (batchId) =>
      act(async () => {
        setArrivals([]);
        await api.scanning.continue({ batchId });
        begin(batchId);
      }),
    applyEdit,
  };
}
