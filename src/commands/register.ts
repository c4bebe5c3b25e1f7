/** How every palette command is registered: a failure is logged and told, never thrown into VS Code. */
import * as vscode from 'vscode';
import { UsageApiError } from '../api/errors';
import type { Logger } from '../log';
import { TimeRangeError } from '../model/timeRange';
import { presentError } from '../presentation/errors';
import { describeTimeRangeProblem } from '../presentation/queryWords';
import { withoutLinks } from '../text';

export function registerCommand(logger: Logger, id: string, run: (...args: never[]) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: never[]) => {
    try {
      return await run(...args);
    } catch (error) {
      // A command must never crash the extension; say what failed instead.
      const message =
        error instanceof UsageApiError
          ? presentError(error).message
          : error instanceof TimeRangeError
            ? describeTimeRangeProblem(error.problem)
            : 'Something went wrong; see the "LaunchDarkly Usage" output.';
      logger.error(`${id} failed: ${error instanceof Error ? error.message : String(error)}`);
      // Notifications turn "[label](target)" and URLs into links: quoted server text must not.
      void vscode.window.showErrorMessage(withoutLinks(message));
      return undefined;
    }
  });
}
