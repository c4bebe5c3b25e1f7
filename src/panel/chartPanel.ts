/**
 * The chart panel: it renders store state only; anything the webview asks for runs the same command
 * a person would. One instance at a time (see `registration.ts`).
 */
import * as vscode from 'vscode';
import { readConfig } from '../config';
import { DisposableOwner } from '../lifecycle';
import { describeError, type Logger } from '../log';
import {
  isWebviewMessage,
  packPanelData,
  packPanelPlan,
  type HostMessage,
  type PanelPlan,
  type PanelStatus,
  type WebviewMessage,
} from '../protocol';
import { upgradePlanOf } from '../model/upgradePlan';
import type { PlanScope } from '../sdkDependencies/planScope';
import { viewStatus } from '../presentation/viewStatus';
import type { UsageModel } from '../model/usageModel';
import type { StoreState, UsageStore } from '../store';
import { COMMANDS, actionCommand } from '../contributions';
import { panelHtml } from './html';

/** Everything the panel shows besides the data, from the store's state. */
export function panelStatus(state: StoreState, hasToken: boolean): PanelStatus {
  return { ...viewStatus(state, hasToken), topN: readConfig().chartTopN };
}

/** The upgrade plan as the webview gets it (narrowed to the workspace's SDKs when asked for); null while there is none. */
function panelPlan(state: StoreState, scope: PlanScope): PanelPlan | null {
  const rows = upgradePlanOf(state);
  if (!rows) return null;
  const scoped = scope.rowsOf(rows);
  return packPanelPlan(scoped.rows, state.verdicts, state.verdicts && state.details?.fetchedAt, scoped.workspaceOnly);
}

export interface PanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly store: UsageStore;
  readonly hasToken: () => boolean;
  readonly logger: Logger;
  /** Loads data when there is none yet (a restored panel, a first open). */
  readonly ensureLoaded: () => void;
  /** Whether the plan shows only the SDKs this workspace uses. */
  readonly planScope: PlanScope;
}

/**
 * One open chart panel. `registration.ts` creates and restores it and hands out the handle. Closing
 * the tab and disposing the panel take the same one-time teardown.
 */
export class ChartPanel extends DisposableOwner {
  private ready = false;
  private markReady!: () => void;
  /** Resolves when the webview has first said it is ready. */
  readonly whenReady = new Promise<void>((resolve) => (this.markReady = resolve));
  /** The model the webview has, so unchanged data is not posted again. */
  private postedModel: UsageModel | null | undefined;
  /** What the webview's plan was made of (it is posted again only when one of them changes). */
  private postedPlanOf: readonly unknown[] | undefined;
  private focusVersionId: string | undefined;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: PanelDeps,
    focusVersionId: string | undefined,
    onDisposed: () => void,
  ) {
    super();
    this.focusVersionId = focusVersionId;
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'activity-bar.svg');
    const webview = panel.webview;
    const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(deps.extensionUri, file)).toString();
    // Disposed last first: the listeners, then the registration's hook, then the panel itself.
    this.register(panel);
    this.register({ dispose: onDisposed });
    // Listeners are registered once per panel, before the HTML is set.
    this.register(panel.onDidDispose(() => this.dispose()));
    this.register(webview.onDidReceiveMessage((message: unknown) => this.receive(message)));
    this.register(deps.store.onDidChange((state) => this.postState(state)));
    this.register(
      deps.planScope.onDidChange(() => {
        // The plan is posted again only when it changes: forget the verdicts it was posted with.
        this.postedPlanOf = undefined;
        this.postState(deps.store.state);
      }),
    );
    webview.html = panelHtml({ cspSource: webview.cspSource, scriptUri: media('dist/webview.js'), styleUri: media('media/panel.css') });
    deps.ensureLoaded();
  }

  get visible(): boolean {
    return this.panel.visible;
  }

  /** Brings the panel forward; a version chosen in the tree takes keyboard focus to its row, a plain reveal leaves focus where it is. */
  reveal(focusVersionId?: string): void {
    this.panel.reveal(undefined, focusVersionId === undefined);
    if (focusVersionId) this.focus(focusVersionId);
  }

  /** Scrolls the panel to the upgrade plan and opens it. */
  revealPlan(): void {
    // Messages before "ready" are dropped (the webview gets everything anew then): wait for it.
    void this.whenReady.then(() => this.post({ type: 'revealPlan' }));
  }

  focus(versionId: string): void {
    this.focusVersionId = versionId;
    this.post({ type: 'focus', versionId });
  }

  /** Sends the status again (e.g. after a setting such as chart.topN changed). */
  update(): void {
    this.postState(this.deps.store.state);
  }

  private postState(state: StoreState): void {
    const model = state.model ?? null;
    const status = panelStatus(state, this.deps.hasToken());
    // The plan follows LaunchDarkly's verdicts and, where they failed, the model's release dates.
    const planOf = [model, (model && state.verdicts) ?? null, state.detailsError];
    const plan = this.postedPlanOf?.every((input, i) => input === planOf[i]) ? {} : { plan: panelPlan(state, this.deps.planScope) };
    const message: HostMessage =
      model === this.postedModel
        ? { type: 'state', status, ...plan }
        : { type: 'state', status, data: model && packPanelData(model), ...plan };
    this.postedModel = model;
    this.postedPlanOf = planOf;
    this.post(message);
  }

  private post(message: HostMessage): void {
    if (!this.ready) {
      // Dropped: on "ready" the webview is sent everything anew.
      return;
    }
    this.panel.webview
      .postMessage(message)
      .then(undefined, (error: unknown) => this.deps.logger.warn(`Posting to the chart panel failed: ${describeError(error)}`));
  }

  /** Handles one message from the webview; anything not in the protocol is logged and ignored. */
  receive(raw: unknown): void {
    if (!isWebviewMessage(raw)) {
      this.deps.logger.warn(`Ignored an unexpected message from the chart webview: ${describeUnexpected(raw)}`);
      return;
    }
    this.handle(raw).catch((error: unknown) =>
      this.deps.logger.error(`The chart panel's "${raw.type}" request failed: ${describeError(error)}`),
    );
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        // A (re)loaded webview has nothing: send everything, then what it should focus.
        this.ready = true;
        this.postedModel = undefined;
        this.postedPlanOf = undefined;
        this.postState(this.deps.store.state);
        if (this.focusVersionId) this.post({ type: 'focus', versionId: this.focusVersionId });
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
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
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
