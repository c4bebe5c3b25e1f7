/**
 * The upgrade plan narrowed to the SDKs a workspace uses: a row stays when its catalogued SDK (as
 * the model resolved its name) is that of one of the workspace's dependencies (any version: the
 * plan says what runs, the workspace which SDKs are this code's). A Relay Proxy row stays when the
 * workspace depends on the Relay Proxy itself. Pure.
 */
import type { Disposable } from '../lifecycle';
import type { PlanRow } from '../model/upgradePlan';

/** The catalogue's id of the Relay Proxy (sdk-meta's `relay-proxy`), which the reader gives ld-relay's Go module. */
const RELAY_PROXY_ID = 'relay-proxy';

export function narrowPlan(rows: readonly PlanRow[], sdkIds: ReadonlySet<string>): PlanRow[] {
  return rows.filter((row) => {
    const id = row.kind === 'relay' ? RELAY_PROXY_ID : row.catalogueId;
    return id !== undefined && sdkIds.has(id);
  });
}

/** The plan rows a view shows, and whether they are narrowed to the workspace's SDKs. */
export interface ScopedPlan {
  readonly rows: readonly PlanRow[];
  readonly workspaceOnly: boolean;
}

/** The upgrade plan's narrowing as the panel and the copy command see it (the host keeps the choice). */
export interface PlanScope {
  /** The rows to show now: narrowed when asked for and the workspace has been scanned, else all of them. */
  rowsOf(rows: readonly PlanRow[]): ScopedPlan;
  /** The same once the scan that narrows them has finished (for a copy). */
  rowsWhenScanned(rows: readonly PlanRow[]): Promise<ScopedPlan>;
  /** Fires when the choice or the workspace's SDKs change. */
  onDidChange(listener: () => void): Disposable;
}
