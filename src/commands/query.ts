/** What is asked for: source, time range and filter, each saved through the query route; and refresh. */
import * as vscode from 'vscode';
import { COMMANDS, VIEW_ID } from '../contributions';
import type { Logger } from '../log';
import { filterChoices, isSourceSelection, type UsageFilter } from '../model/query';
import {
  RANGE_PRESETS,
  TimeRangeError,
  formatInputDate,
  isRangePreset,
  parseDateInput,
  resolveTimeRange,
  type RangePreset,
  type TimeRangeSpec,
} from '../model/timeRange';
import { SOURCE_OPTIONS } from '../presentation/labels';
import { DATE_INPUT_HINT, describeFilter, describeTimeRangeProblem, presetLabel } from '../presentation/queryWords';
import { isRecord } from '../record';
import type { QueryRoute } from '../queryRoute';
import { sourcesOf, type UsageStore } from '../store';
import { plainText } from '../text';
import { registerCommand } from './register';
import { filterOf } from './treeRows';

export function registerQueryCommands(store: UsageStore, query: QueryRoute, logger: Logger): vscode.Disposable {
  const chooseSource = async (given?: unknown) => {
    const current = store.state.query.source;
    const source = isSourceSelection(given)
      ? given
      : (
          await vscode.window.showQuickPick(
            SOURCE_OPTIONS.map(({ value, label }) => ({
              label,
              value,
              picked: value === current,
              description: value === current ? 'current' : undefined,
            })),
            { title: 'Connections from which SDKs?' },
          )
        )?.value;
    if (source) await query.change({ source });
  };

  const chooseTimeRange = async (given?: unknown) => {
    let range: TimeRangeSpec | undefined;
    if (isRangePreset(given)) {
      range = { kind: 'preset', preset: given };
    } else if (isRecord(given) && 'from' in given && 'to' in given) {
      range = { kind: 'custom', from: String(given.from), to: String(given.to) };
      resolveTimeRange(range, Date.now());
    } else {
      const choice = given === 'custom' ? 'custom' : await pickRange(store.state.query.range);
      range = choice === 'custom' ? await askCustomRange(store.state.query.range) : choice && { kind: 'preset', preset: choice };
    }
    if (range) await query.change({ range });
  };

  const filter = async (given?: unknown) => {
    const chosen = filterOf(given, store.state.model?.versions ?? []) ?? (await pickFilter(store));
    if (chosen) await query.change({ filter: chosen });
  };

  return vscode.Disposable.from(
    registerCommand(logger, COMMANDS.refresh, () => vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => store.refresh())),
    registerCommand(logger, COMMANDS.tryNow, () =>
      vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => store.refresh({ despiteRateLimit: true })),
    ),
    registerCommand(logger, COMMANDS.chooseSource, chooseSource),
    registerCommand(logger, COMMANDS.chooseTimeRange, chooseTimeRange),
    registerCommand(logger, COMMANDS.filter, filter),
    registerCommand(logger, COMMANDS.clearFilter, () => query.change({ filter: {} })),
  );
}

async function pickRange(current: TimeRangeSpec): Promise<RangePreset | 'custom' | undefined> {
  const currentId = current.kind === 'preset' ? current.preset : 'custom';
  const items = [
    ...RANGE_PRESETS.map((preset) => ({ label: presetLabel(preset), value: preset as RangePreset | 'custom' })),
    { label: 'Custom range…', value: 'custom' as const },
  ].map((item) => ({ ...item, description: item.value === currentId ? 'current' : undefined }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Time range' });
  return picked?.value;
}

async function askCustomRange(current: TimeRangeSpec): Promise<TimeRangeSpec | undefined> {
  const now = Date.now();
  const validDate = (value: string) => (parseDateInput(value) === undefined ? DATE_INPUT_HINT : undefined);
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
        return error instanceof TimeRangeError ? describeTimeRangeProblem(error.problem) : 'Not a valid range.';
      }
    },
  });
  return to === undefined ? undefined : { kind: 'custom', from: from.trim(), to: to.trim() };
}

/** A quick pick of the SDKs and versions seen lately for the current source, SDKs named as the tree names them. */
async function pickFilter(store: UsageStore): Promise<UsageFilter | undefined> {
  const lists = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Loading SDK versions…' }, () =>
    Promise.all(sourcesOf(store.state.query.source).map((s) => store.sdkVersions(s))),
  );
  const rows = store.state.model?.sdks ?? [];
  const items: (vscode.QuickPickItem & { filter?: UsageFilter })[] = filterChoices(lists.flat(), rows).flatMap(
    ({ label, filter, versions }) => {
      // Names are shown on one line and bounded; the filter keeps them as the API spells them.
      const name = plainText(label);
      const spellings = [filter.sdk, ...(filter.otherSpellings ?? [])];
      return [
        { label: name, kind: vscode.QuickPickItemKind.Separator },
        {
          label: `$(package) All versions of ${name}`,
          // The names the SDK was reported under, so that typing one finds it.
          description:
            spellings.length > 1 || spellings[0] !== label ? `reported as ${spellings.map((n) => plainText(n)).join(', ')}` : undefined,
          filter,
        },
        ...versions.map((version) => ({
          label: `${name} ${plainText(version)}`,
          description: 'seen in the last 60 days',
          filter: { ...filter, version },
        })),
      ];
    },
  );
  const active = describeFilter(store.state.query.filter);
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Filter by SDK or version',
    placeHolder: active ? `Current filter: ${active}` : 'Type to search SDKs and versions',
    matchOnDescription: true,
  });
  return picked?.filter;
}
