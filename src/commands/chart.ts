/** The chart panel's commands, through its handle: show it (focused on a version), show the upgrade plan in it. */
import * as vscode from 'vscode';
import { COMMANDS } from '../contributions';
import type { Logger } from '../log';
import type { ChartPanelHandle } from '../panel/registration';
import { registerCommand } from './register';
import { versionIdOf } from './treeRows';

export function registerChartCommands(panel: ChartPanelHandle, logger: Logger): vscode.Disposable {
  return vscode.Disposable.from(
    // A tree row's click passes its version id; its context menu passes the row.
    registerCommand(logger, COMMANDS.showChart, (version?: unknown) => panel.show(versionIdOf(version))),
    registerCommand(logger, COMMANDS.showUpgradePlan, () => panel.showPlan()),
  );
}
