/** The loaded data out of the editor: export to a CSV or JSON file, copy a Markdown summary. */
import * as vscode from 'vscode';
import { COMMANDS } from '../contributions';
import type { Logger } from '../log';
import { EXPORT_TOO_LARGE_TEXT, MAX_EXPORT_BYTES, exportChunks, exportFileName, type ExportFormat } from '../presentation/export';
import { summaryMarkdown } from '../presentation/markdown';
import type { UsageStore } from '../store';
import { takeCappedParts, writeChunksToFile, type WriteOutcome } from '../exportWriter';
import { registerCommand } from './register';

export function registerExportCommands(store: UsageStore, logger: Logger): vscode.Disposable {
  /** The loaded data, or undefined after saying there is none yet. */
  const loadedData = (what: string) => {
    const { model, loaded, verdicts } = store.state;
    if (model && loaded) return { model, loaded, verdicts };
    void vscode.window.showWarningMessage(`There is no usage data to ${what} yet. Refresh first.`);
    return undefined;
  };

  const exportData = async (format?: unknown, target?: unknown): Promise<vscode.Uri | undefined> => {
    const data = loadedData('export');
    if (!data) return undefined;
    const chosen = format === 'csv' || format === 'json' ? format : await pickFormat();
    if (!chosen) return undefined;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = exportFileName(chosen, data.loaded.source, Date.now());
    const uri =
      target instanceof vscode.Uri
        ? target
        : await vscode.window.showSaveDialog({
            title: 'Export LaunchDarkly usage data',
            defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
            filters: chosen === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
          });
    if (!uri) return undefined;
    const written = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Exporting usage data…', cancellable: true },
      (_progress, token) => writeExport(uri, exportChunks(chosen, data.model, data.loaded, data.verdicts), token),
    );
    if (written === 'tooLarge') {
      void vscode.window.showWarningMessage(EXPORT_TOO_LARGE_TEXT);
      return undefined;
    }
    if (written === 'cancelled') return undefined;
    logger.info(
      `Exported ${data.model.versions.length} versions × ${data.model.times.length} buckets (${written} bytes) to ${uri.fsPath}.`,
    );
    void vscode.window.showInformationMessage(`Exported usage data to ${vscode.workspace.asRelativePath(uri)}.`);
    return uri;
  };

  const copySummary = async (): Promise<string | undefined> => {
    const data = loadedData('copy');
    if (!data) return undefined;
    const markdown = summaryMarkdown(data.model, data.loaded, vscode.env.language, data.verdicts);
    await vscode.env.clipboard.writeText(markdown);
    void vscode.window.showInformationMessage(`Copied a summary of ${data.model.versions.length} versions as Markdown.`);
    return markdown;
  };

  return vscode.Disposable.from(
    registerCommand(logger, COMMANDS.exportData, exportData),
    registerCommand(logger, COMMANDS.copySummary, copySummary),
  );
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'CSV', value: 'csv' as const, description: 'one row per version and time bucket' },
      { label: 'JSON', value: 'json' as const, description: 'the same rows, with the query' },
    ],
    { title: 'Export usage data as' },
  );
  return picked?.value;
}

/**
 * Writes the export's chunks to `uri` as they are made: a local file through writeChunksToFile
 * (never the whole text at once, nothing half-written left); elsewhere (a virtual file system) the
 * chunks are gathered, up to the same cap, and written at once.
 */
async function writeExport(uri: vscode.Uri, chunks: Iterable<string>, token: vscode.CancellationToken): Promise<WriteOutcome> {
  const isCancelled = () => token.isCancellationRequested;
  if (uri.scheme === 'file') return writeChunksToFile(uri.fsPath, chunks, MAX_EXPORT_BYTES, isCancelled);
  const parts: Uint8Array[] = [];
  const outcome = await takeCappedParts(chunks, MAX_EXPORT_BYTES, isCancelled, (part) => void parts.push(part));
  if (typeof outcome !== 'number') return outcome;
  const whole = new Uint8Array(outcome);
  for (let at = 0, i = 0; i < parts.length; at += parts[i]!.length, i++) whole.set(parts[i]!, at);
  await vscode.workspace.fs.writeFile(uri, whole);
  return outcome;
}
