/** The tree's grouping (by SDK or by environment): two title-bar commands, a context key, kept per workspace. */
import * as vscode from 'vscode';
import { COMMANDS, CONTEXT_KEYS, STORAGE_KEYS } from '../contributions';
import type { Logger } from '../log';
import type { SdkTreeProvider, TreeGrouping } from '../tree/sdkTree';
import { registerCommand } from './register';

export function savedTreeGrouping(state: vscode.Memento): TreeGrouping {
  return state.get<TreeGrouping>(STORAGE_KEYS.treeGrouping) === 'environment' ? 'environment' : 'sdk';
}

export function registerTreeGrouping(state: vscode.Memento, provider: SdkTreeProvider, logger: Logger): vscode.Disposable {
  const apply = async (grouping: TreeGrouping) => {
    provider.setGrouping(grouping);
    // The two title-bar commands' `when` clauses read it: each shows while it would change something.
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.treeGrouping, grouping);
    await state.update(STORAGE_KEYS.treeGrouping, grouping);
  };
  void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.treeGrouping, provider.grouping);
  return vscode.Disposable.from(
    registerCommand(logger, COMMANDS.groupByEnvironment, () => apply('environment')),
    registerCommand(logger, COMMANDS.groupBySdk, () => apply('sdk')),
  );
}
