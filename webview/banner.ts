/**
 * The banner above the chart: what is wrong or going on (no token, an error, loading, stale data)
 * and the actions that fix it. Its content comes from the presentation module's bannerContent; it
 * is drawn here through the element's own Document; the caller makes the action buttons (ui.ts owns them).
 */
import type { UsageErrorAction } from '../src/contributions';
import type { BannerContent } from '../src/presentation/status';

/** Draws `content` into `banner` (hidden when there is none). */
export function renderBanner(
  banner: HTMLElement,
  content: BannerContent | undefined,
  actionButton: (action: UsageErrorAction) => HTMLElement,
): void {
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
  banner.append(message);
  for (const action of content.actions) banner.append(actionButton(action));
}
