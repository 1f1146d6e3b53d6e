import type { SyncStatus } from '../../../core/contract/index.js';

export type IndicatorState = 'signedOut' | 'offline' | 'paused' | 'running' | 'online' | 'unknown';

/** What the small light says, most urgent first: no connection at all, then unreachable, then paused. */
export function indicatorState(s: SyncStatus): IndicatorState {
  if (!s.signedIn) return 'signedOut';
  if (s.connection === 'offline') return 'offline';
  if (s.paused) return 'paused';
  if (s.running) return 'running';
  return s.connection;
}

/** Ant Design Badge statuses, so the light reads at a glance without the text. */
export const indicatorBadge: Record<IndicatorState, 'success' | 'error' | 'warning' | 'processing' | 'default'> = {
  signedOut: 'default',
  offline: 'error',
  paused: 'warning',
  running: 'processing',
  online: 'success',
  unknown: 'default',
};
