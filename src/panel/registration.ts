/**
 * The chart panel registers itself (its serializer, so a reload restores it) and hands back a small
 * handle; commands and the extension's wiring use the handle, never the panel class. One panel at a
 * time: showing it again reveals the open one.
 */
import * as vscode from 'vscode';
import { PANEL_VIEW_TYPE } from '../contributions';
import { ChartPanel, webviewOptions, type PanelDeps } from './chartPanel';

export interface ChartPanelHandle {
  /** Opens the panel, or reveals it if open; optionally focuses one version's row and series. */
  show(focusVersionId?: string): void;
  /** Opens the panel at the upgrade plan. */
  showPlan(): void;
  /** Sends the status again to the open panel (a setting such as chart.topN changed). */
  update(): void;
  /** Whether the panel is open and on screen. */
  isVisible(): boolean;
}

/** The host's end of the open panel's messages: the integration tests play the webview through it. */
export interface ChartWebviewPort {
  /** Resolves when the webview has said it is ready. */
  readonly ready: Promise<void>;
  /** Handles a message as if the webview had sent it. */
  receive(message: unknown): void;
}

export function registerChartPanel(
  deps: PanelDeps,
): ChartPanelHandle & vscode.Disposable & { readonly webviewPort: () => ChartWebviewPort | undefined } {
  let current: ChartPanel | undefined;
  const adopt = (webviewPanel: vscode.WebviewPanel, focusVersionId?: string): ChartPanel => {
    const panel: ChartPanel = new ChartPanel(webviewPanel, deps, focusVersionId, () => {
      if (current === panel) current = undefined;
    });
    current = panel;
    return panel;
  };
  const show = (focusVersionId?: string): ChartPanel => {
    if (current) {
      current.reveal(focusVersionId);
      return current;
    }
    return adopt(
      vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'SDK Connections', vscode.ViewColumn.Active, webviewOptions(deps.extensionUri)),
      focusVersionId,
    );
  };
  const serializer = vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
    deserializeWebviewPanel: async (webviewPanel) => {
      current?.dispose();
      webviewPanel.webview.options = webviewOptions(deps.extensionUri);
      adopt(webviewPanel);
    },
  });
  return {
    show: (focusVersionId) => void show(focusVersionId),
    showPlan: () => show().revealPlan(),
    update: () => current?.update(),
    isVisible: () => current?.visible ?? false,
    webviewPort: () => {
      const panel = current;
      return panel && { ready: panel.whenReady, receive: (message) => panel.receive(message) };
    },
    dispose: () => serializer.dispose(),
  };
}
