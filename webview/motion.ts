/**
 * Motion: the chart animates its changes only while nobody asked for less motion, either through
 * the system (prefers-reduced-motion) or VS Code's `workbench.reduceMotion` (the webview's body then
 * has the class vscode-reduce-motion). Both can change while the panel is open.
 */
export const REDUCED_MOTION_QUERY = '(prefers-reduced-motion: reduce)';
const REDUCE_MOTION_CLASS = 'vscode-reduce-motion';

/** The window parts read here (a browser window, or a DOM implementation's in tests). */
export interface MotionWindow {
  readonly document: Document;
  matchMedia(query: string): MediaQueryList;
  readonly MutationObserver: typeof MutationObserver;
}

export function prefersReducedMotion(win: MotionWindow): boolean {
  return win.matchMedia(REDUCED_MOTION_QUERY).matches || win.document.body.classList.contains(REDUCE_MOTION_CLASS);
}

/** Chart.js's `animation` option: off for reduced motion, otherwise short. */
export function chartAnimation(reducedMotion: boolean): false | { readonly duration: number } {
  return reducedMotion ? false : { duration: 300 };
}

/** Calls `onChange` with the new preference whenever either source of it changes. */
export function watchReducedMotion(win: MotionWindow, onChange: (reduced: boolean) => void): void {
  let current = prefersReducedMotion(win);
  const check = () => {
    const next = prefersReducedMotion(win);
    if (next !== current) onChange((current = next));
  };
  win.matchMedia(REDUCED_MOTION_QUERY).addEventListener('change', check);
  new win.MutationObserver(check).observe(win.document.body, { attributes: true, attributeFilter: ['class'] });
}
