/** The upgrade plan's commands: copy it as Markdown, open a row's release notes (https only). The panel shows it (`chart.ts`). */
import * as vscode from 'vscode';
import type { Logger } from '../log';
import { safeReleaseUrl, upgradePlanOf } from '../model/upgradePlan';
import { upgradePlanMarkdown } from '../presentation/markdown';
import { verdictFailureNote } from '../presentation/notes';
import type { PlanScope } from '../sdkDependencies/planScope';
import { planRowName } from '../presentation/whereItRuns';
import { plainText, withoutLinks } from '../text';
import type { UsageStore } from '../store';
import { COMMANDS } from '../contributions';
import { registerCommand } from './register';

export function registerUpgradePlan(store: UsageStore, scope: PlanScope, logger: Logger): vscode.Disposable {
  const copy = async (): Promise<string | undefined> => {
    const all = upgradePlanOf(store.state);
    if (!all) {
      const { detailsError } = store.state;
      void vscode.window.showWarningMessage(
        detailsError
          ? withoutLinks(`There is no upgrade plan to copy. ${verdictFailureNote(detailsError)}`)
          : 'There is no upgrade plan to copy yet. Refresh first.',
      );
      return undefined;
    }
    const { rows, workspaceOnly } = await scope.rowsWhenScanned(all);
    const markdown = upgradePlanMarkdown(rows, { fetchedAt: store.state.details?.fetchedAt, locale: vscode.env.language, workspaceOnly });
    await vscode.env.clipboard.writeText(markdown);
    void vscode.window.showInformationMessage(
      `Copied the upgrade plan (${rows.length} version${rows.length === 1 ? '' : 's'}${workspaceOnly ? " of this workspace's SDKs" : ''}) as Markdown.`,
    );
    return markdown;
  };

  /** Opens a plan row's release notes; the row comes by id, the address from the host's own data. */
  const openReleaseNotes = async (rowId: unknown): Promise<boolean> => {
    const row = typeof rowId === 'string' ? upgradePlanOf(store.state)?.find((r) => r.id === rowId) : undefined;
    if (!row) {
      void vscode.window.showWarningMessage('That upgrade plan row is no longer there. Refresh and try again.');
      return false;
    }
    const url = safeReleaseUrl(row.releaseUrl);
    if (!url) {
      // The names are hostile text: one line, bounded, and no link can form in the notification.
      const name = `${plainText(planRowName(row))} ${plainText(row.version)}`;
      logger.warn(`Refused to open the release notes of ${name}: not an https address.`);
      void vscode.window.showWarningMessage(
        withoutLinks(
          row.releaseUrl
            ? `Release notes for ${name} were not opened: LaunchDarkly gave an address that is not https, and only https links are opened.`
            : `LaunchDarkly gives no release notes for ${name}.`,
        ),
      );
      return false;
    }
    return vscode.env.openExternal(vscode.Uri.parse(url.href, true));
  };

  return vscode.Disposable.from(
    registerCommand(logger, COMMANDS.copyUpgradePlan, copy),
    registerCommand(logger, COMMANDS.openReleaseNotes, openReleaseNotes),
  );
}
