/**
 * The messages between the extension host and the chart webview. Imported by both sides; every
 * message that arrives is checked with the guards below before it is used. No `vscode` import.
 */
import { isErrorAction, type UsageErrorAction } from './contributions';
import type { ViewStatus } from './presentation/status';
import { isRecord } from './record';
import { isSourceSelection, type SourceSelection } from './model/query';
import { isRangePreset, type RangePreset } from './model/timeRange';
import type { ChartModel } from './model/chartData';
import type { UsageModel } from './model/usageModel';
import { compactCells } from './api/cells';
import { safeReleaseUrl, type PlanRow } from './model/upgradePlan';
import { whereItRuns, type KnownEolStatus, type Verdicts, type WhereItRuns } from './model/verdict';
/** Everything the panel shows except the data itself: the views' status, and the chart's setting. */
export interface PanelStatus extends ViewStatus {
  /** How many series the chart draws before folding the rest into "Other". */
  readonly topN: number;
}

/** A plan row as the webview gets it: where it runs, and whether it has release notes, but never their address. */
export interface PanelPlanRow extends Omit<PlanRow, 'releaseUrl' | 'placements'> {
  readonly where: WhereItRuns;
  readonly releaseNotes: boolean;
}

/** LaunchDarkly's verdicts for the panel: the upgrade plan and each stream version's verdict. */
export interface PanelPlan {
  readonly rows: readonly PanelPlanRow[];
  readonly verdicts: readonly { readonly versionId: string; readonly status: KnownEolStatus; readonly target: string | undefined }[];
  /** When LaunchDarkly's verdicts came; undefined when they did not (a plan of release dates alone). */
  readonly fetchedAt: number | undefined;
  /** The rows are only those of the SDKs this workspace uses. */
  readonly workspaceOnly?: boolean;
}

export function packPanelPlan(
  rows: readonly PlanRow[],
  verdicts: Verdicts | undefined,
  fetchedAt: number | undefined,
  workspaceOnly = false,
): PanelPlan {
  return {
    rows: rows.map(({ releaseUrl, placements, ...row }) => ({
      ...row,
      where: whereItRuns(placements),
      // Offered only where the host will open it: an https address it can read.
      releaseNotes: safeReleaseUrl(releaseUrl) !== undefined,
    })),
    verdicts: [...(verdicts?.byVersionId ?? [])].flatMap(([versionId, v]) =>
      v.status ? [{ versionId, status: v.status, target: v.target }] : [],
    ),
    fetchedAt,
    workspaceOnly,
  };
}

/**
 * The model as the webview receives it: versions with their stats, and every version's connections
 * as the model's two cell arrays, which VS Code hands over without JSON; no per-SDK copies. The
 * size follows the cells, never versions × buckets.
 */
export type PanelData = ChartModel;

export function packPanelData(model: UsageModel): PanelData {
  const { times, granularity, sources, versions, cells, latestTotal, health } = model;
  return { times, granularity, sources, versions, cells: compactCells(cells), latestTotal, health };
}

/** Cells and cell ranges the webview can index without reading past an array. */
function isPanelData(data: unknown): data is PanelData {
  if (!isRecord(data) || !Array.isArray(data.times) || !Array.isArray(data.versions) || !isRecord(data.cells)) {
    return false;
  }
  const { slots, values } = data.cells;
  if (!(slots instanceof Int32Array) || !(values instanceof Float64Array) || slots.length !== values.length) {
    return false;
  }
  const width = data.times.length;
  for (const slot of slots) {
    if (!(slot >= 0 && slot < width)) return false;
  }
  const inRange = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= values.length;
  return data.versions.every((v: unknown) => isRecord(v) && inRange(v.cellStart) && inRange(v.cellEnd) && v.cellStart <= v.cellEnd);
}

export type HostMessage =
  /** `data` is sent only when it changed since the last message; the webview keeps what it has. */
  | { readonly type: 'state'; readonly status: PanelStatus; readonly data?: PanelData | null; readonly plan?: PanelPlan | null }
  | { readonly type: 'focus'; readonly versionId: string }
  | { readonly type: 'revealPlan' };

export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'refresh' }
  | { readonly type: 'setSource'; readonly source: SourceSelection }
  | { readonly type: 'setRange'; readonly preset: RangePreset | 'custom' }
  | { readonly type: 'runAction'; readonly action: UsageErrorAction }
  | { readonly type: 'export'; readonly format: 'csv' | 'json' }
  | { readonly type: 'copySummary' }
  | { readonly type: 'copyUpgradePlan' }
  /** A plan row's id; the host looks the address up in its own data. */
  | { readonly type: 'openReleaseNotes'; readonly rowId: string };

/** Accepts exactly the messages above, with no extra keys. */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (!isRecord(value) || typeof value.type !== 'string') {
    return false;
  }
  const keys = Object.keys(value).length;
  switch (value.type) {
    case 'ready':
    case 'refresh':
    case 'copySummary':
    case 'copyUpgradePlan':
      return keys === 1;
    case 'openReleaseNotes':
      return keys === 2 && typeof value.rowId === 'string' && value.rowId.length <= 2_000;
    case 'setSource':
      return keys === 2 && isSourceSelection(value.source);
    case 'setRange':
      return keys === 2 && (value.preset === 'custom' || isRangePreset(value.preset));
    case 'runAction':
      return keys === 2 && isErrorAction(value.action);
    case 'export':
      return keys === 2 && (value.format === 'csv' || value.format === 'json');
    default:
      return false;
  }
}

export function isHostMessage(value: unknown): value is HostMessage {
  if (!isRecord(value)) {
    return false;
  }
  if (value.type === 'state') {
    const data = value.data;
    const plan = value.plan;
    return (
      isRecord(value.status) &&
      (plan === undefined || plan === null || (isRecord(plan) && Array.isArray(plan.rows) && Array.isArray(plan.verdicts))) &&
      (data === undefined || data === null || isPanelData(data))
    );
  }
  if (value.type === 'revealPlan') return true;
  return value.type === 'focus' && typeof value.versionId === 'string';
}
