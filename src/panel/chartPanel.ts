/**
 * The chart panel: one instance, revealed if open, restored after a reload by a serializer.
 * It renders store state only; anything the webview asks for runs the same command a person would.
 */
import * as vscode from 'vscode';
import { readConfig } from '../config';
import { describeError, type Logger } from '../log';
import { isWebviewMessage, packPanelData, packPanelPlan, type HostMessage, type PanelStatus, type WebviewMessage } from '../protocol';
import { buildUpgradePlan } from '../model/upgradePlan';
import type { Verdicts } from '../model/verdict';
import { viewStatus } from '../presentation/viewStatus';
import type { UsageModel } from '../model/usageModel';
import type { StoreState, UsageStore } from '../store';
import { COMMANDS, PANEL_VIEW_TYPE, actionCommand } from '../commands/ids';
import { panelHtml } from './html';

/** Everything the panel shows besides the data, from the store's state. */
export function panelStatus(state: StoreState, hasToken: boolean): PanelStatus {
  return { ...viewStatus(state, hasToken), topN: readConfig().chartTopN };
}

export interface PanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly store: UsageStore;
  readonly hasToken: () => boolean;
  readonly logger: Logger;
  /** Loads data when there is none yet (a restored panel, a first open). */
  readonly ensureLoaded: () => void;
}

export class ChartPanel implements vscode.Disposable {
  private static open: ChartPanel | undefined;

  /** The open panel, if any. */
  static get current(): ChartPanel | undefined {
    return ChartPanel.open;
  }

  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private markReady!: () => void;
  /** Resolves when the webview has said it is ready (tests wait for it). */
  readonly whenReady = new Promise<void>((resolve) => (this.markReady = resolve));
  /** Messages posted to the webview so far; tests read it. */
  postedCount = 0;
  private pending: HostMessage[] = [];
  /** The model the webview has, so unchanged data is not posted again. */
  private postedModel: UsageModel | null | undefined;
  /** The verdicts the webview has (the plan is posted again only when they change). */
  private postedVerdicts: Verdicts | null | undefined;
  private focusVersionId: string | undefined;
  private revealPlanWhenReady = false;

  /** Opens the panel, or reveals it if open; optionally focuses one version's series. */
  static show(deps: PanelDeps, focusVersionId?: string): ChartPanel {
    const existing = ChartPanel.current;
    if (existing) {
      // A version chosen in the tree takes keyboard focus to its row; a plain reveal leaves focus where it is.
      existing.panel.reveal(undefined, focusVersionId === undefined);
      if (focusVersionId) existing.focus(focusVersionId);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'SDK Connections', vscode.ViewColumn.Active, webviewOptions(deps.extensionUri));
    return new ChartPanel(panel, deps, focusVersionId);
  }

  static serializer(deps: PanelDeps): vscode.WebviewPanelSerializer {
    return {
      deserializeWebviewPanel: async (panel) => {
        ChartPanel.current?.dispose();
        panel.webview.options = webviewOptions(deps.extensionUri);
        new ChartPanel(panel, deps);
      },
    };
  }

  static get isVisible(): boolean {
    return ChartPanel.current?.panel.visible ?? false;
  }

  /** Re-sends the status to the open panel (e.g. after a setting such as chart.topN changed). */
  static update(): void {
    const current = ChartPanel.current;
    current?.postState(current.deps.store.state);
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: PanelDeps,
    focusVersionId?: string,
  ) {
    ChartPanel.open = this;
    this.focusVersionId = focusVersionId;
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'activity-bar.svg');
    const webview = panel.webview;
    const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(deps.extensionUri, file)).toString();
    // Listeners are registered once per panel, before the HTML is set.
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      deps.store.onDidChange((state) => this.postState(state)),
    );
    webview.html = panelHtml({ cspSource: webview.cspSource, scriptUri: media('dist/webview.js'), styleUri: media('media/panel.css') });
    deps.ensureLoaded();
  }

  /** Scrolls the panel to the upgrade plan and opens it. */
  revealPlan(): void {
    // Messages before "ready" are dropped (the webview gets everything anew then): remember the ask.
    if (this.ready) this.post({ type: 'revealPlan' });
    else this.revealPlanWhenReady = true;
  }

  focus(versionId: string): void {
    this.focusVersionId = versionId;
    this.post({ type: 'focus', versionId });
  }

  private postState(state: StoreState): void {
    const model = state.model ?? null;
    const status = panelStatus(state, this.deps.hasToken());
    const verdicts = (model && state.verdicts) ?? null;
    const plan =
      verdicts === this.postedVerdicts
        ? {}
        : { plan: model && verdicts && packPanelPlan(buildUpgradePlan(model.versions, verdicts), verdicts, state.details?.fetchedAt ?? 0) };
    const message: HostMessage =
      model === this.postedModel ? { type: 'state', status, ...plan } : { type: 'state', status, data: model && packPanelData(model), ...plan };
    this.postedModel = model;
    this.postedVerdicts = verdicts;
    this.post(message);
  }

  private post(message: HostMessage): void {
    if (!this.ready) {
      // Kept until the webview says it is ready; only the newest state matters.
      this.pending = [...this.pending.filter((m) => m.type !== message.type), message];
      return;
    }
    this.postedCount++;
    this.panel.webview.postMessage(message).then(undefined, (error: unknown) => this.deps.logger.warn(`Posting to the chart panel failed: ${describeError(error)}`));
  }

  /** Handles one message from the webview; anything not in the protocol is logged and ignored. */
  receive(raw: unknown): void {
    if (!isWebviewMessage(raw)) {
      this.deps.logger.warn(`Ignored an unexpected message from the chart webview: ${describeUnexpected(raw)}`);
      return;
    }
    this.handle(raw).catch((error: unknown) => this.deps.logger.error(`The chart panel's "${raw.type}" request failed: ${describeError(error)}`));
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        // A (re)loaded webview has nothing: send everything, then what it should focus.
        this.ready = true;
        this.pending = [];
        this.postedModel = undefined;
        this.postedVerdicts = undefined;
        this.postState(this.deps.store.state);
        if (this.focusVersionId) this.post({ type: 'focus', versionId: this.focusVersionId });
        if (this.revealPlanWhenReady) this.post({ type: 'revealPlan' });
        this.revealPlanWhenReady = false;
        this.markReady();
        return;
      case 'refresh':
        await vscode.commands.executeCommand(COMMANDS.refresh);
        return;
      case 'setSource':
        await vscode.commands.executeCommand(COMMANDS.chooseSource, message.source);
        return;
      case 'setRange':
        await vscode.commands.executeCommand(COMMANDS.chooseTimeRange, message.preset);
        return;
      case 'runAction':
        await vscode.commands.executeCommand(actionCommand(message.action));
        return;
      case 'export':
        await vscode.commands.executeCommand(COMMANDS.exportData, message.format);
        return;
      case 'copySummary':
        await vscode.commands.executeCommand(COMMANDS.copySummary);
        return;
      case 'copyUpgradePlan':
        await vscode.commands.executeCommand(COMMANDS.copyUpgradePlan);
        return;
      case 'openReleaseNotes':
        await vscode.commands.executeCommand(COMMANDS.openReleaseNotes, message.rowId);
        return;
    }
  }

  dispose(): void {
    if (ChartPanel.open === this) {
      ChartPanel.open = undefined;
    }
    this.panel.dispose();
    vscode.Disposable.from(...this.disposables.splice(0)).dispose();
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    retainContextWhenHidden: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** A short, safe description of a rejected message for the log. */
function describeUnexpected(raw: unknown): string {
  try {
    return JSON.stringify(raw)?.slice(0, 200) ?? String(raw);
  } catch {
    return typeof raw;
  }
}
