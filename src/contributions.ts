/**
 * Every id the extension contributes or keeps under its name, written only here: commands, the view
 * and its container, the chart panel's view type, settings, context keys and storage keys.
 * package.json declares the same ones (test/unit/manifest.test.ts checks). Also the error actions,
 * each of which runs one of the commands. Import-free, so the webview may use it too.
 */

/** publisher.name from package.json, as the settings editor's `@ext:` filter names it. */
export const EXTENSION_ID = 'ld-sdk-usage.launchdarkly-sdk-usage';

export const VIEW_CONTAINER_ID = 'launchdarklyUsage';
export const VIEW_ID = 'launchdarklyUsage.sdkVersions';
/** The "This Workspace" view: the workspace's LaunchDarkly SDK dependencies with their usage. */
export const WORKSPACE_VIEW_ID = 'launchdarklyUsage.workspace';
export const PANEL_VIEW_TYPE = 'launchdarklyUsage.chart';

export const COMMANDS = {
  setToken: 'launchdarklyUsage.setToken',
  clearToken: 'launchdarklyUsage.clearToken',
  showChart: 'launchdarklyUsage.showChart',
  refresh: 'launchdarklyUsage.refresh',
  tryNow: 'launchdarklyUsage.tryNow',
  chooseSource: 'launchdarklyUsage.chooseSource',
  chooseTimeRange: 'launchdarklyUsage.chooseTimeRange',
  filter: 'launchdarklyUsage.filter',
  clearFilter: 'launchdarklyUsage.clearFilter',
  exportData: 'launchdarklyUsage.exportData',
  copySummary: 'launchdarklyUsage.copySummary',
  openSettings: 'launchdarklyUsage.openSettings',
  groupByEnvironment: 'launchdarklyUsage.groupByEnvironment',
  groupBySdk: 'launchdarklyUsage.groupBySdk',
  copyUpgradePlan: 'launchdarklyUsage.copyUpgradePlan',
  showUpgradePlan: 'launchdarklyUsage.showUpgradePlan',
  openReleaseNotes: 'launchdarklyUsage.openReleaseNotes',
  showWorkspaceDependencies: 'launchdarklyUsage.showWorkspaceDependencies',
  rescanWorkspace: 'launchdarklyUsage.rescanWorkspace',
  copyDependencyChecklist: 'launchdarklyUsage.copyDependencyChecklist',
  openDependencyReleaseNotes: 'launchdarklyUsage.openDependencyReleaseNotes',
  narrowPlanToWorkspace: 'launchdarklyUsage.narrowPlanToWorkspace',
  showWholePlan: 'launchdarklyUsage.showWholePlan',
} as const;

/** The Problems panel's collection of the workspace's dependency findings. */
export const DIAGNOSTICS_COLLECTION = 'launchdarklyUsage';

/** The section all settings are under: a change event that affects it concerns this extension. */
export const SETTINGS_SECTION = 'launchdarklyUsage';

/** Full setting ids, as `getConfiguration()` reads them and people write them in settings.json. */
export const SETTINGS = {
  baseUrl: 'launchdarklyUsage.baseUrl',
  source: 'launchdarklyUsage.source',
  timeRange: 'launchdarklyUsage.timeRange',
  customRangeFrom: 'launchdarklyUsage.customRange.from',
  customRangeTo: 'launchdarklyUsage.customRange.to',
  timeZone: 'launchdarklyUsage.timeZone',
  requestTimeoutSeconds: 'launchdarklyUsage.requestTimeoutSeconds',
  chartTopN: 'launchdarklyUsage.chart.topN',
  autoRefreshMinutes: 'launchdarklyUsage.autoRefreshMinutes',
  statusBarEnabled: 'launchdarklyUsage.statusBar.enabled',
  workspaceDiagnostics: 'launchdarklyUsage.workspace.diagnostics',
  workspaceCodeLens: 'launchdarklyUsage.workspace.codeLens',
} as const;

/** The status bar item (past end of life); its id lets people hide it from the status bar's own menu too. */
export const STATUS_BAR_ITEM_ID = 'launchdarklyUsage.pastEndOfLife';

/** Context keys the manifest's `when` clauses read. */
export const CONTEXT_KEYS = {
  hasToken: 'launchdarklyUsage.hasToken',
  treeGrouping: 'launchdarklyUsage.treeGrouping',
  /** `workspace` while the upgrade plan is narrowed to the SDKs this workspace uses. */
  planScope: 'launchdarklyUsage.planScope',
  /** The "This Workspace" view is shown: the workspace declares a LaunchDarkly SDK, or its view was asked for. */
  workspaceView: 'launchdarklyUsage.workspaceView',
} as const;

/** Keys of what the extension keeps: the token in secret storage, the rest in the workspace's state. */
export const STORAGE_KEYS = {
  apiToken: 'launchdarklyUsage.apiToken',
  filter: 'launchdarklyUsage.filter',
  treeGrouping: 'launchdarklyUsage.treeGrouping',
  planScope: 'launchdarklyUsage.planScope',
} as const;

/** What people can do about a failure; views offer them as buttons, tree rows or notification items. */
export const ERROR_ACTIONS = ['setToken', 'refresh', 'tryNow', 'openSettings', 'chooseTimeRange'] as const;

export type UsageErrorAction = (typeof ERROR_ACTIONS)[number];

export function isErrorAction(value: unknown): value is UsageErrorAction {
  return typeof value === 'string' && (ERROR_ACTIONS as readonly string[]).includes(value);
}

/** The command an error action runs. */
export function actionCommand(action: UsageErrorAction): string {
  return COMMANDS[action];
}
