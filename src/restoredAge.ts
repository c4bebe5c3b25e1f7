/**
 * Data restored from an earlier session is shown with its age ("as of 3 hours ago"). Nothing else
 * changes while it is on show, so no view would say the age again: `sayAge` runs each minute
 * meanwhile, for every view at once.
 */
import type { Disposable } from './lifecycle';
import type { StoreState, UsageStore } from './store';

export function sayAgeWhileRestored(store: Pick<UsageStore, 'state' | 'onDidChange'>, sayAge: () => void): Disposable {
  let timer: ReturnType<typeof setInterval> | undefined;
  const follow = (state: StoreState) => {
    if (state.restored && !timer) {
      timer = setInterval(sayAge, 60_000);
    } else if (!state.restored && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
  follow(store.state);
  const subscription = store.onDidChange(follow);
  return {
    dispose: () => {
      subscription.dispose();
      clearInterval(timer);
    },
  };
}
