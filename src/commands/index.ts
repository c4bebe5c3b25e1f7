/** The palette commands. Each takes optional arguments so tests and the panel can skip the prompts. */
import * as vscode from 'vscode';
import { UsageClient, type ClientSettings } from '../api/client';
import { UsageApiError } from '../api/errors';
import type { CallerIdentity, SeriesDescriptor } from '../api/parse';
import { saveRange, saveSource } from '../config';
import { errorFacts, type Logger } from '../log';
import { toCsv, toJson, summaryMarkdown } from '../model/export';
import { describeFilter, isSourceSelection, type SourceSelection, type UsageFilter } from '../model/query';
import { presentError } from '../presentation/errors';
import { SOURCE_OPTIONS } from '../presentation/labels';
import { RANGE_PRESETS, formatInputDate, type RangePreset, isRangePreset, parseDateInput, presetLabel, resolveTimeRange, TimeRangeError, type TimeRangeSpec } from '../model/timeRange';
import { compareVersionsNewestFirst } from '../model/versionOrder';
import { ChartPanel, type PanelDeps } from '../panel/chartPanel';
import { sourcesOf, type UsageStore } from '../store';
import { plainText, serverText, withoutLinks } from '../text';
import { tokenShapeWarning, type TokenStore } from '../token';
import { COMMANDS, VIEW_ID } from './ids';

export interface CommandDeps {
  readonly tokens: TokenStore;
  readonly store: UsageStore;
  readonly logger: Logger;
  readonly panel: PanelDeps;
  /** Client settings for a given token, from the current configuration. */
  readonly clientSettings: (token: string) => ClientSettings;
  readonly saveFilter: (filter: UsageFilter) => Thenable<void>;
}

/** What tree items pass to context-menu commands. */
interface NodeArgument {
  readonly kind?: string;
  readonly sdk?: { readonly sdk: string } | string;
  readonly version?: { readonly sdk: string; readonly version: string } | string;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { store, tokens, logger } = deps;
  const register = (id: string, run: (...args: never[]) => unknown) =>
    vscode.commands.registerCommand(id, async (...args: never[]) => {
      try {
        return await run(...args);
      } catch (error) {
        // A command must never crash the extension; say what failed instead.
        const message = error instanceof UsageApiError ? presentError(error).message : error instanceof TimeRangeError ? error.message : 'Something went wrong; see the "LaunchDarkly Usage" output.';
        logger.error(`${id} failed: ${error instanceof Error ? error.message : String(error)}`);
        // Notifications turn "[label](target)" and URLs into links: quoted server text must not.
        void vscode.window.showErrorMessage(withoutLinks(message));
        return undefined;
      }
    });

  const setToken = async (given?: string, options?: { saveUnchecked?: boolean }): Promise<boolean> => {
    const entered =
      typeof given === 'string'
        ? given
        : await vscode.window.showInputBox({
            title: 'LaunchDarkly API Access Token',
            prompt: 'Paste a LaunchDarkly API access token (api-…) whose role can read usage data. It is kept in VS Code\'s secret storage.',
            placeHolder: 'api-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
            password: true,
            ignoreFocusOut: true,
            // A token of the wrong kind is flagged as it is pasted, but not refused: the API decides.
            validateInput: (value) => {
              if (!value.trim()) return 'Enter a token, or press Escape to cancel.';
              const warning = tokenShapeWarning(value.trim());
              return warning ? { message: warning, severity: vscode.InputBoxValidationSeverity.Warning } : undefined;
            },
          });
    if (entered === undefined) {
      return false;
    }
    const token = entered.trim();
    if (!token) {
      void vscode.window.showErrorMessage('No token was entered; nothing was saved.');
      return false;
    }
    const shapeWarning = tokenShapeWarning(token);
    let identity;
    try {
      const client = new UsageClient(deps.clientSettings(token));
      identity = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Checking the LaunchDarkly API token…', cancellable: true },
        (_progress, cancel) => {
          const controller = new AbortController();
          cancel.onCancellationRequested(() => controller.abort());
          return client.callerIdentity(controller.signal);
        },
      );
    } catch (error) {
      if (!(error instanceof UsageApiError) || error.kind === 'cancelled') {
        throw error;
      }
      if (['unauthorized', 'forbidden', 'invalidSettings'].includes(error.kind)) {
        logger.warn(`Token check failed (${errorFacts(error)}): ${error.message}`);
        void vscode.window.showErrorMessage(withoutLinks(`The token was not saved. ${presentError(error).message}${shapeWarning ? ` ${shapeWarning}` : ''}`));
        return false;
      }
      // The message names the underlying error code (certificate, proxy, DNS…) for the log too.
      logger.warn(`Token check failed (${error.kind}${error.status ? ` ${error.status}` : ''}): ${error.message}`);
      const save = options?.saveUnchecked ?? (await vscode.window.showWarningMessage(withoutLinks(`The token could not be checked: ${presentError(error).message} Save it anyway?`), 'Save Anyway', 'Cancel')) === 'Save Anyway';
      if (!save) {
        return false;
      }
    }
    await tokens.store(token);
    const who = identity ? describeIdentity(identity, token) : '';
    logger.info(`API token saved${who ? ` (${who})` : ' without a check'}.`);
    void vscode.window.showInformationMessage(who ? withoutLinks(`LaunchDarkly API token saved: ${who}.`) : 'LaunchDarkly API token saved without a check.');
    return true;
  };

  const chooseSource = async (given?: unknown) => {
    let source: SourceSelection | undefined = isSourceSelection(given) ? given : undefined;
    if (!source) {
      const current = store.state.query.source;
      const picked = await vscode.window.showQuickPick(
        SOURCE_OPTIONS.map(({ value, label }) => ({ label, value, picked: value === current, description: value === current ? 'current' : undefined })),
        { title: 'Connections from which SDKs?' },
      );
      source = picked?.value;
    }
    if (source) {
      await saveSource(source);
    }
  };

  const chooseTimeRange = async (given?: unknown) => {
    let range: TimeRangeSpec | undefined;
    if (isRangePreset(given)) {
      range = { kind: 'preset', preset: given };
    } else if (typeof given === 'object' && given !== null && 'from' in given && 'to' in given) {
      range = { kind: 'custom', from: String(given.from), to: String(given.to) };
      resolveTimeRange(range, Date.now());
    } else {
      const choice = given === 'custom' ? 'custom' : await pickRange(store.state.query.range);
      range = choice === 'custom' ? await askCustomRange(store.state.query.range) : choice && { kind: 'preset', preset: choice };
    }
    if (range) {
      await saveRange(range);
    }
  };

  const filter = async (given?: NodeArgument | UsageFilter) => {
    const fromNode = filterFromArgument(given);
    const chosen = fromNode ?? (await pickFilter(store, store.state.query.source));
    if (chosen) {
      await deps.saveFilter(chosen);
      await store.setQuery({ filter: chosen });
    }
  };

  const refresh = () =>
    vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => store.refresh());

  return [
    register(COMMANDS.setToken, setToken),
    register(COMMANDS.clearToken, async () => {
      await tokens.clear();
      logger.info('API token cleared.');
      void vscode.window.showInformationMessage('LaunchDarkly API token cleared.');
    }),
    register(COMMANDS.showChart, (versionId?: unknown) => {
      ChartPanel.show(deps.panel, typeof versionId === 'string' ? versionId : undefined);
    }),
    register(COMMANDS.refresh, refresh),
    register(COMMANDS.chooseSource, chooseSource),
    register(COMMANDS.chooseTimeRange, chooseTimeRange),
    register(COMMANDS.filter, filter),
    register(COMMANDS.clearFilter, async () => {
      await deps.saveFilter({});
      await store.setQuery({ filter: {} });
    }),
    register(COMMANDS.openSettings, () => vscode.commands.executeCommand('workbench.action.openSettings', `@ext:ld-sdk-usage.launchdarkly-sdk-usage`)),
    register(COMMANDS.exportData, (format?: unknown, target?: unknown) => exportData(store, logger, format, target)),
    register(COMMANDS.copySummary, async () => {
      const { model, loaded } = store.state;
      if (!model || !loaded) {
        void vscode.window.showWarningMessage('There is no usage data to copy yet. Refresh first.');
        return undefined;
      }
      const markdown = summaryMarkdown(model, loaded, vscode.env.language, store.state.verdicts);
      await vscode.env.clipboard.writeText(markdown);
      void vscode.window.showInformationMessage(`Copied a summary of ${model.versions.length} versions as Markdown.`);
      return markdown;
    }),
  ];
}

/** Whose token it is, from the API's own words (bounded and redacted: a token name could be anything). */
function describeIdentity(identity: CallerIdentity, token: string): string {
  const name = identity.tokenName && serverText(identity.tokenName, [token]);
  const account = identity.accountId && serverText(identity.accountId, [token]);
  return [name && `"${name}"`, account && `account ${account}`].filter(Boolean).join(', ');
}

async function pickRange(current: TimeRangeSpec): Promise<RangePreset | 'custom' | undefined> {
  const currentId = current.kind === 'preset' ? current.preset : 'custom';
  const items = [...RANGE_PRESETS.map((preset) => ({ label: presetLabel(preset), value: preset as RangePreset | 'custom' })), { label: 'Custom range…', value: 'custom' as const }].map(
    (item) => ({ ...item, description: item.value === currentId ? 'current' : undefined }),
  );
  const picked = await vscode.window.showQuickPick(items, { title: 'Time range' });
  return picked?.value;
}

async function askCustomRange(current: TimeRangeSpec): Promise<TimeRangeSpec | undefined> {
  const now = Date.now();
  const validDate = (value: string) => (parseDateInput(value) === undefined ? 'Use YYYY-MM-DD or YYYY-MM-DDTHH:MM.' : undefined);
  const from = await vscode.window.showInputBox({
    title: 'Custom range: start',
    prompt: 'Start date (local time)',
    value: current.kind === 'custom' ? current.from : formatInputDate(now - 7 * 86_400_000).slice(0, 10),
    validateInput: validDate,
  });
  if (from === undefined) return undefined;
  const to = await vscode.window.showInputBox({
    title: 'Custom range: end',
    prompt: 'End date (local time); it must be after the start and not in the future',
    value: current.kind === 'custom' ? current.to : formatInputDate(now),
    validateInput: (value) => {
      const problem = validDate(value);
      if (problem) return problem;
      try {
        resolveTimeRange({ kind: 'custom', from, to: value }, Date.now());
        return undefined;
      } catch (error) {
        return error instanceof TimeRangeError ? error.message : 'Not a valid range.';
      }
    },
  });
  return to === undefined ? undefined : { kind: 'custom', from: from.trim(), to: to.trim() };
}

function filterFromArgument(given: NodeArgument | UsageFilter | undefined): UsageFilter | undefined {
  if (!given || typeof given !== 'object') return undefined;
  const node = given as NodeArgument;
  if (node.kind === 'version' && typeof node.version === 'object') {
    return { sdk: node.version.sdk, version: node.version.version };
  }
  if (node.kind === 'sdk' && typeof node.sdk === 'object') {
    return { sdk: node.sdk.sdk };
  }
  const plain = given as UsageFilter;
  if (typeof plain.sdk === 'string' || typeof plain.version === 'string') {
    return { sdk: typeof plain.sdk === 'string' ? plain.sdk : undefined, version: typeof plain.version === 'string' ? plain.version : undefined };
  }
  return undefined;
}

async function pickFilter(store: UsageStore, source: SourceSelection): Promise<UsageFilter | undefined> {
  const lists = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Loading SDK versions…' }, () =>
    Promise.all(sourcesOf(source).map((s) => store.sdkVersions(s))),
  );
  const seen: SeriesDescriptor[] = lists.flat();
  const bySdk = new Map<string, Set<string>>();
  for (const { sdk, version } of seen) {
    bySdk.set(sdk, (bySdk.get(sdk) ?? new Set()).add(version));
  }
  type Item = vscode.QuickPickItem & { filter?: UsageFilter };
  const items: Item[] = [];
  const active = describeFilter(store.state.query.filter);
  for (const sdk of [...bySdk.keys()].sort((a, b) => a.localeCompare(b))) {
    // Names are shown on one line and bounded; the filter keeps them as the API spells them.
    const name = plainText(sdk);
    items.push({ label: name, kind: vscode.QuickPickItemKind.Separator });
    items.push({ label: `$(package) All versions of ${name}`, filter: { sdk } });
    for (const version of [...bySdk.get(sdk)!].sort(compareVersionsNewestFirst)) {
      items.push({ label: `${name} ${plainText(version)}`, description: 'seen in the last 60 days', filter: { sdk, version } });
    }
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Filter by SDK or version',
    placeHolder: active ? `Current filter: ${active}` : 'Type to search SDKs and versions',
    matchOnDescription: true,
  });
  return picked?.filter;
}

async function exportData(store: UsageStore, logger: Logger, format: unknown, target: unknown): Promise<vscode.Uri | undefined> {
  const { model, loaded } = store.state;
  if (!model || !loaded) {
    void vscode.window.showWarningMessage('There is no usage data to export yet. Refresh first.');
    return undefined;
  }
  let chosen = format === 'csv' || format === 'json' ? format : undefined;
  if (!chosen) {
    const picked = await vscode.window.showQuickPick(
      [
        { label: 'CSV', value: 'csv' as const, description: 'one row per version and time bucket' },
        { label: 'JSON', value: 'json' as const, description: 'the same rows, with the query' },
      ],
      { title: 'Export usage data as' },
    );
    chosen = picked?.value;
  }
  if (!chosen) return undefined;
  const day = new Date().toISOString().slice(0, 10);
  const defaultName = `launchdarkly-sdk-connections-${loaded.source}-${day}.${chosen}`;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri =
    target instanceof vscode.Uri
      ? target
      : await vscode.window.showSaveDialog({
          title: 'Export LaunchDarkly usage data',
          defaultUri: folder ? vscode.Uri.joinPath(folder, defaultName) : undefined,
          filters: chosen === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
        });
  if (!uri) return undefined;
  const { verdicts } = store.state;
  const text = chosen === 'csv' ? toCsv(model, loaded.timeZone, verdicts) : toJson(model, loaded, verdicts);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  logger.info(`Exported ${model.versions.length} versions × ${model.times.length} buckets to ${uri.fsPath}.`);
  void vscode.window.showInformationMessage(`Exported usage data to ${vscode.workspace.asRelativePath(uri)}.`);
  return uri;
}
