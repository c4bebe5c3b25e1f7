/** Command and view identifiers, kept in one place; package.json declares the same ones. */
import type { UsageErrorAction } from '../presentation/labels';

export const VIEW_CONTAINER_ID = 'launchdarklyUsage';
export const VIEW_ID = 'launchdarklyUsage.sdkVersions';
export const PANEL_VIEW_TYPE = 'launchdarklyUsage.chart';

export const COMMANDS = {
  setToken: 'launchdarklyUsage.setToken',
  clearToken: 'launchdarklyUsage.clearToken',
  showChart: 'launchdarklyUsage.showChart',
  refresh: 'launchdarklyUsage.refresh',
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
} as const;

export function actionCommand(action: UsageErrorAction): string {
  return {
    setToken: COMMANDS.setToken,
    refresh: COMMANDS.refresh,
    openSettings: COMMANDS.openSettings,
    chooseTimeRange: COMMANDS.chooseTimeRange,
  }[action];
}
