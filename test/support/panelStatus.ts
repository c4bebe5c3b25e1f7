/** A panel status as the host posts it after a good load of the last 24 hours, server-side, in UTC. */
import type { PanelStatus } from '../../src/protocol';

export function readyStatus(from: number, to: number, change: Partial<PanelStatus> = {}): PanelStatus {
  return {
    load: 'ready',
    stale: false,
    restored: false,
    hasToken: true,
    error: undefined,
    source: 'server',
    range: { kind: 'preset', preset: '24h' },
    loaded: { source: 'server', preset: '24h', from, to, granularity: 'hourly', timeZone: 'UTC', filter: {} },
    fetchedAt: to,
    topN: 10,
    notes: [],
    verdictNote: undefined,
    ...change,
  };
}
