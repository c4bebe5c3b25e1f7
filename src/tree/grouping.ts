/** The tree's grouping (by SDK or by environment): two title-bar commands, a context key, kept per workspace. */
import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import type { SdkTreeProvider, TreeGrouping } from './sdkTree';

const GROUPING_KEY = 'launchdarklyUsage.treeGrouping';
/** The context key the two title-bar commands' `when` clauses read. */
const GROUPING_CONTEXT = 'launchdarklyUsage.treeGrouping';

export function savedTreeGrouping(state: vscode.Memento): TreeGrouping {
  return state.get<TreeGrouping>(GROUPING_KEY) === 'environment' ? 'environment' : 'sdk';
}

export function registerTreeGrouping(state: vscode.Memento, provider: SdkTreeProvider): vscode.Disposable {
  const apply = async (grouping: TreeGrouping) => {
    provider.setGrouping(grouping);
    await vscode.commands.executeCommand('setContext', GROUPING_CONTEXT, grouping);
    await state.update(GROUPING_KEY, grouping);
  };
  void vscode.commands.executeCommand('setContext', GROUPING_CONTEXT, provider.grouping);
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.groupByEnvironment, () => apply('environment')),
    vscode.commands.registerCommand(COMMANDS.groupBySdk, () => apply('sdk')),
  );
}
