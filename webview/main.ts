/**
 * The chart panel's script: wires the page to a PanelView, hands it every host message that passes
 * the protocol's guard, and says "ready". The view keeps the UI choices with getState/setState and
 * asks the host (never the network) for everything else.
 */
import { isHostMessage, type WebviewMessage } from '../src/protocol';
import { ConnectionsChart } from './chart';
import { prefersReducedMotion, watchReducedMotion } from './motion';
import { PanelView, dispatch, type UiState } from './panelView';
import * as widgets from './ui';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: UiState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const chart = new ConnectionsChart(document.getElementById('chart') as HTMLCanvasElement, prefersReducedMotion(window));
watchReducedMotion(window, (reduced) => chart.setReducedMotion(reduced));
// Theme changes switch the body's class; the chart re-reads the --vscode-* colours.
new MutationObserver(() => chart.refreshTheme()).observe(document.body, { attributes: true, attributeFilter: ['class'] });

const view = new PanelView({
  document,
  widgets,
  chart,
  locale: navigator.language || 'en-US',
  send: (message) => vscode.postMessage(message),
  saved: vscode.getState(),
  save: (state) => vscode.setState(state),
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (isHostMessage(message)) dispatch(view, message);
});

vscode.postMessage({ type: 'ready' });
