/**
 * Redraw only what changed: a part of the page is drawn from a few inputs, and drawing it again
 * from the same inputs would only cost layout time and throw away focus and scroll positions.
 */
import { lastResultOf } from '../src/lastResult';

/** Wraps `draw` so it runs only when some argument differs from the last run's (see lastResultOf). */
export function whenChanged<A extends readonly unknown[]>(draw: (...args: A) => void): (...args: A) => void {
  return lastResultOf(draw);
}
