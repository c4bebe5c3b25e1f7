/**
 * Wraps `compute` so it runs only when some argument differs (Object.is) from the last run's, and
 * otherwise gives the last run's result again. Inputs are immutable values or objects replaced on
 * change (the store's model and verdicts, the host's data, the UI state's sort), so an identity
 * check is enough. Import-free: the host and the webview both use it.
 */
export function lastResultOf<A extends readonly unknown[], R>(compute: (...args: A) => R): (...args: A) => R {
  let last: { args: A; result: R } | undefined;
  return (...args: A) => {
    if (last !== undefined && args.every((arg, i) => Object.is(arg, last!.args[i]))) return last.result;
    // A part's few inputs, not a list of data.
    // eslint-disable-next-line no-restricted-syntax
    last = { args, result: compute(...args) };
    return last.result;
  };
}
