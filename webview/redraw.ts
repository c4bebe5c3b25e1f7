/**
 * Redraw only what changed: a part of the page is drawn from a few inputs, and drawing it again
 * from the same inputs would only cost layout time and throw away focus and scroll positions.
 */

/**
 * Wraps `draw` so it runs only when some argument differs (Object.is) from the last run's. Inputs
 * are immutable values or objects replaced on change (the host's data, the UI state's sort), so an
 * identity check is enough.
 */
export function whenChanged<A extends readonly unknown[]>(draw: (...args: A) => void): (...args: A) => void {
  let last: A | undefined;
  return (...args: A) => {
    if (last !== undefined && args.every((arg, i) => Object.is(arg, last![i]))) return;
    last = args;
    // A part's few inputs, not a list of data.
    // eslint-disable-next-line no-restricted-syntax
    draw(...args);
  };
}
