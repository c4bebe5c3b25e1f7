/**
 * The banner above the chart: what is wrong or going on (no token, an error, loading, stale data)
 * and the actions that fix it. Its content is decided from the status alone, then drawn into the
 * element through the element's own Document; the caller makes the action buttons (ui.ts owns them).
 */
import type { UsageErrorAction } from '../src/api/errors';
import type { PanelStatus } from '../src/protocol';

export type BannerKind = 'error' | 'info' | 'notice';

export interface BannerContent {
  readonly kind: BannerKind;
  readonly text: string;
  readonly actions: readonly UsageErrorAction[];
}

export const ACTION_LABELS: Record<UsageErrorAction, string> = {
  setToken: 'Set API Token',
  refresh: 'Refresh',
  openSettings: 'Open Settings',
  chooseTimeRange: 'Choose Time Range',
};

/** What the banner says for this status, or nothing when all is well. */
export function bannerContent(status: PanelStatus, hasData: boolean): BannerContent | undefined {
  if (!status.hasToken) {
    return { kind: 'notice', text: 'No API access token is set.', actions: ['setToken'] };
  }
  if (status.error) {
    const text = status.error.message + (hasData ? ' The data below is from the last successful refresh.' : '');
    return { kind: 'error', text, actions: status.error.actions };
  }
  if (status.status === 'loading') {
    return { kind: 'info', text: hasData ? 'Refreshing…' : 'Loading usage data…', actions: [] };
  }
  if (status.stale) {
    return { kind: 'info', text: 'This data does not match the current selection yet.', actions: [] };
  }
  return undefined;
}

/** Draws `content` into `banner` (hidden when there is none). */
export function renderBanner(banner: HTMLElement, content: BannerContent | undefined, actionButton: (action: UsageErrorAction) => HTMLElement): void {
  banner.replaceChildren();
  banner.className = content && content.kind !== 'notice' ? content.kind : '';
  banner.hidden = content === undefined;
  if (!content) return;
  const doc = banner.ownerDocument;
  if (content.kind === 'error') {
    // The word, not only the red border, says it is an error.
    const label = doc.createElement('strong');
    label.textContent = 'Error:';
    banner.append(label);
  }
  const message = doc.createElement('span');
  message.textContent = content.text;
  banner.append(message, ...content.actions.map(actionButton));
}
