/** How every palette command is registered: a failure is logged and told, never thrown into VS Code. */
import * as vscode from 'vscode';
import { UsageApiError } from '../api/errors';
import type { Logger } from '../log';
import { TimeRangeError } from '../model/timeRange';
import { SHOW_OUTPUT_LABEL, UNEXPECTED_FAILURE_TEXT, presentError } from '../presentation/errors';
import { describeTimeRangeProblem } from '../presentation/queryWords';
import { withoutLinks } from '../text';

export function registerCommand(logger: Logger, id: string, run: (...args: never[]) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: never[]) => {
    try {
      // The few arguments VS Code passes a command, not a list of data.
      // eslint-disable-next-line no-restricted-syntax
      return await run(...args);
    } catch (error) {
      // A command must never crash the extension; say what failed instead.
      logger.error(`${id} failed: ${error instanceof Error ? error.message : String(error)}`);
      const foreseen =
        error instanceof UsageApiError
          ? presentError(error).message
          : error instanceof TimeRangeError
            ? describeTimeRangeProblem(error.problem)
            : undefined;
      if (foreseen !== undefined) {
        // Notifications turn "[label](target)" and URLs into links: quoted server text must not.
        void vscode.window.showErrorMessage(withoutLinks(foreseen));
      } else {
        void vscode.window.showErrorMessage(UNEXPECTED_FAILURE_TEXT, SHOW_OUTPUT_LABEL).then((choice) => {
          if (choice === SHOW_OUTPUT_LABEL) logger.show();
        });
      }
      return undefined;
    }
  });
}
