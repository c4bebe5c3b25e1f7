/** Typed reads of the `launchdarklyUsage.*` settings, and writes for the ones commands change. */
import * as vscode from 'vscode';
import type { ProxySettings } from './api/networkErrors';
import { SETTINGS, SETTINGS_SECTION } from './contributions';
import { isSourceSelection, type SourceSelection } from './model/query';
import { isRangePreset, type TimeRangeSpec } from './model/timeRange';
import { isDiagnosticsSetting, type DiagnosticsSetting } from './sdkDependencies/diagnostics';
import { checkBaseUrl, DEFAULT_BASE_URL, type BaseUrlCheck } from './settingsCheck';

export interface UsageConfig {
  readonly baseUrl: BaseUrlCheck;
  readonly source: SourceSelection;
  readonly range: TimeRangeSpec;
  /** As set: an IANA zone, or '' for this machine's zone (see `resolveTimeZone`). */
  readonly timeZone: string;
  readonly requestTimeoutMs: number;
  readonly chartTopN: number;
  readonly autoRefreshMinutes: number;
  /** The status bar item (connections past end of life) is shown while data is loaded. */
  readonly statusBarEnabled: boolean;
}

/**
 * LaunchDarkly's rate limits count in 10-second windows; a refresh every 15 seconds at most keeps
 * well clear of them. 0 (or less) turns auto-refresh off.
 */
export const MIN_AUTO_REFRESH_MINUTES = 0.25;

function autoRefreshMinutes(value: number | undefined): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return 0;
  return Math.min(1440, Math.max(MIN_AUTO_REFRESH_MINUTES, value));
}

export function readConfig(): UsageConfig {
  const config = vscode.workspace.getConfiguration();
  // `baseUrl` has application scope; read the global value so no workspace can redirect the token.
  const baseUrl = config.inspect<string>(SETTINGS.baseUrl)?.globalValue ?? DEFAULT_BASE_URL;
  const source = config.get<string>(SETTINGS.source);
  const preset = config.get<string>(SETTINGS.timeRange);
  const clamp = (value: number | undefined, min: number, max: number, fallback: number) =>
    typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
  return {
    baseUrl: checkBaseUrl(baseUrl),
    source: isSourceSelection(source) ? source : 'server',
    range:
      preset === 'custom'
        ? { kind: 'custom', from: config.get<string>(SETTINGS.customRangeFrom, ''), to: config.get<string>(SETTINGS.customRangeTo, '') }
        : { kind: 'preset', preset: isRangePreset(preset) ? preset : '24h' },
    // Resolved when data is loaded, not here: the first time-zone lookup costs ~10 ms of ICU setup.
    timeZone: config.get<string>(SETTINGS.timeZone, '').trim(),
    requestTimeoutMs: clamp(config.get<number>(SETTINGS.requestTimeoutSeconds), 1, 300, 30) * 1000,
    chartTopN: Math.round(clamp(config.get<number>(SETTINGS.chartTopN), 1, 50, 10)),
    autoRefreshMinutes: autoRefreshMinutes(config.get<number>(SETTINGS.autoRefreshMinutes)),
    statusBarEnabled: config.get<boolean>(SETTINGS.statusBarEnabled) !== false,
  };
}

/** The settings of the workspace's dependency annotations: the Problems panel's levels and the CodeLens. */
export function readDependencySettings(): { readonly diagnostics: DiagnosticsSetting; readonly codeLens: boolean } {
  const config = vscode.workspace.getConfiguration();
  const diagnostics = config.get<string>(SETTINGS.workspaceDiagnostics);
  return {
    diagnostics: isDiagnosticsSetting(diagnostics) ? diagnostics : 'all',
    codeLens: config.get<boolean>(SETTINGS.workspaceCodeLens) === true,
  };
}

/** VS Code's own proxy settings, which its proxy support applies to the extension's requests. */
export function readProxySettings(): ProxySettings {
  const http = vscode.workspace.getConfiguration('http');
  return {
    proxy: http.get<string>('proxy'),
    noProxy: http.get<string[]>('noProxy'),
    proxySupport: http.get<string>('proxySupport'),
  };
}

/** Where a command's choice is saved: the workspace when one is open, so each keeps its own. */
function target(): vscode.ConfigurationTarget {
  return vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
}

export async function saveSource(source: SourceSelection): Promise<void> {
  await vscode.workspace.getConfiguration().update(SETTINGS.source, source, target());
}

export async function saveTimeZone(timeZone: string): Promise<void> {
  await vscode.workspace.getConfiguration().update(SETTINGS.timeZone, timeZone, target());
}

export async function saveRange(range: TimeRangeSpec): Promise<void> {
  const config = vscode.workspace.getConfiguration();
  if (range.kind === 'custom') {
    await config.update(SETTINGS.customRangeFrom, range.from, target());
    await config.update(SETTINGS.customRangeTo, range.to, target());
    await config.update(SETTINGS.timeRange, 'custom', target());
  } else {
    await config.update(SETTINGS.timeRange, range.preset, target());
  }
}

export function onDidChangeConfig(listener: (event: vscode.ConfigurationChangeEvent) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SETTINGS_SECTION)) {
      listener(event);
    }
  });
}
