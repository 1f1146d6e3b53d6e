import { useCallback, useEffect, useState } from 'react';
import type { ReceiptTicket } from '../../../core/contract/index.js';
import { useCourtApi } from '../../api/CourtContext.js';
import { startDownload } from '../dossier/download.js';

export interface IntakeReceipt {
  busy: boolean;
  error: unknown;
  /** The receipt last printed for this case. */
  issued: ReceiptTicket | null;
  print(): void;
}

/** 打印收件回执: the receipt PDF goes to the browser (or the desktop app's save dialog) to print. */
export function useReceipt(caseNumber: string | null): IntakeReceipt {
  const api = useCourtApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [issued, setIssued] = useState<ReceiptTicket | null>(null);

  useEffect(() => {
    setIssued(null);
    setError(null);
  }, [caseNumber]);

  const print = useCallback(async () => {
    if (!caseNumber) return;
    setBusy(true);
    setError(null);
    try {
      const ticket = await api.scanning.receipt({ number: caseNumber });
      setIssued(ticket);
      startDownload(ticket.downloadId);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }, [api, caseNumber]);

  return { busy, error, issued, print: () => void print() };
}
