/**
 * The commands of the workspace's SDK dependencies: show their view, rescan, copy one dependency's upgrade checklist,
 * open its release notes (https only), and narrow the upgrade plan to this workspace's SDKs or show
 * all of it. A dependency comes by id (hover links, CodeLens, quick fix) or as its "This Workspace"
 * row (context menu); the address or text is looked up by the extension itself.
 */
import * as vscode from 'vscode';
import { COMMANDS } from '../contributions';
import type { DependencyHandle } from '../dependencyLoader';
import type { Logger } from '../log';
import { isRecord } from '../record';
import { plainText, withoutLinks } from '../text';
import { registerCommand } from './register';

/** A dependency id as given, or the id a row carries. */
function dependencyIdOf(given: unknown): string | undefined {
  if (typeof given === 'string') return given;
  return isRecord(given) && typeof given.dependencyId === 'string' ? given.dependencyId : undefined;
}

export function registerDependencyCommands(dependencies: DependencyHandle, logger: Logger): vscode.Disposable {
  const lookup = async (given: unknown) => {
    const id = dependencyIdOf(given);
    const views = await dependencies.start();
    await views.whenScanned();
    const found = id === undefined ? undefined : views.lookup(id);
    if (!found) void vscode.window.showWarningMessage('That dependency is no longer there. Rescan the workspace and try again.');
    return found;
  };

  const copyChecklist = async (given: unknown): Promise<string | undefined> => {
    const found = await lookup(given);
    if (!found) return undefined;
    await vscode.env.clipboard.writeText(found.checklist);
    void vscode.window.showInformationMessage(withoutLinks(`Copied the upgrade checklist for ${plainText(found.name)} as Markdown.`));
    return found.checklist;
  };

  const openReleaseNotes = async (given: unknown): Promise<boolean> => {
    const found = await lookup(given);
    if (!found) return false;
    if (!found.releaseNotes) {
      logger.warn(`No https release notes for ${plainText(found.name)}.`);
      void vscode.window.showWarningMessage(withoutLinks(`There are no release notes to open for ${plainText(found.name)}.`));
      return false;
    }
    return vscode.env.openExternal(vscode.Uri.parse(found.releaseNotes.href, true));
  };

  return vscode.Disposable.from(
    registerCommand(logger, COMMANDS.showWorkspaceDependencies, () => dependencies.reveal()),
    registerCommand(logger, COMMANDS.rescanWorkspace, async () => (await dependencies.start()).rescan()),
    registerCommand(logger, COMMANDS.copyDependencyChecklist, copyChecklist),
    registerCommand(logger, COMMANDS.openDependencyReleaseNotes, openReleaseNotes),
    registerCommand(logger, COMMANDS.narrowPlanToWorkspace, () => dependencies.setPlanNarrowed(true)),
    registerCommand(logger, COMMANDS.showWholePlan, () => dependencies.setPlanNarrowed(false)),
  );
}
