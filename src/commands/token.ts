/** The API token (set after a check, clear) and the settings that say where requests go. */
import * as vscode from 'vscode';
import { UsageApiError } from '../api/errors';
import type { CallerIdentity } from '../api/parse';
import type { Connection } from '../connection';
import { COMMANDS, EXTENSION_ID } from '../contributions';
import { errorFacts, type Logger } from '../log';
import { presentError } from '../presentation/errors';
import { serverText, withoutLinks } from '../text';
import { tokenShapeWarning, type TokenStore } from '../token';
import { registerCommand } from './register';

export interface TokenCommandDeps {
  readonly tokens: TokenStore;
  readonly connection: Connection;
  readonly logger: Logger;
}

export function registerTokenCommands({ tokens, connection, logger }: TokenCommandDeps): vscode.Disposable {
  const setToken = async (given?: string, options?: { saveUnchecked?: boolean }): Promise<boolean> => {
    const token = (typeof given === 'string' ? given : await askToken())?.trim();
    if (token === undefined) {
      return false;
    }
    if (!token) {
      void vscode.window.showErrorMessage('No token was entered; nothing was saved.');
      return false;
    }
    const shapeWarning = tokenShapeWarning(token);
    let identity;
    try {
      identity = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Checking the LaunchDarkly API token…', cancellable: true },
        (_progress, cancel) => {
          const controller = new AbortController();
          cancel.onCancellationRequested(() => controller.abort());
          return connection.checkToken(token, controller.signal);
        },
      );
    } catch (error) {
      if (!(error instanceof UsageApiError) || error.kind === 'cancelled') {
        throw error;
      }
      if (['unauthorized', 'forbidden', 'invalidSettings'].includes(error.kind)) {
        logger.warn(`Token check failed (${errorFacts(error)}): ${error.message}`);
        void vscode.window.showErrorMessage(
          withoutLinks(`The token was not saved. ${presentError(error).message}${shapeWarning ? ` ${shapeWarning}` : ''}`),
        );
        return false;
      }
      // The message names the underlying error code (certificate, proxy, DNS…) for the log too.
      logger.warn(`Token check failed (${error.kind}${error.status ? ` ${error.status}` : ''}): ${error.message}`);
      const save =
        options?.saveUnchecked ??
        (await vscode.window.showWarningMessage(
          withoutLinks(`The token could not be checked: ${presentError(error).message} Save it anyway?`),
          'Save Anyway',
          'Cancel',
        )) === 'Save Anyway';
      if (!save) {
        return false;
      }
    }
    await tokens.store(token);
    const who = identity ? describeIdentity(identity, token) : '';
    logger.info(`API token saved${who ? ` (${who})` : ' without a check'}.`);
    void vscode.window.showInformationMessage(
      who ? withoutLinks(`LaunchDarkly API token saved: ${who}.`) : 'LaunchDarkly API token saved without a check.',
    );
    return true;
  };

  return vscode.Disposable.from(
    registerCommand(logger, COMMANDS.setToken, setToken),
    registerCommand(logger, COMMANDS.clearToken, async () => {
      await tokens.clear();
      logger.info('API token cleared.');
      void vscode.window.showInformationMessage('LaunchDarkly API token cleared.');
    }),
    registerCommand(logger, COMMANDS.openSettings, () =>
      vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${EXTENSION_ID}`),
    ),
  );
}

function askToken(): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: 'LaunchDarkly API Access Token',
    prompt: "Paste a LaunchDarkly API access token (api-…) whose role can read usage data. It is kept in VS Code's secret storage.",
    placeHolder: 'api-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
    password: true,
    ignoreFocusOut: true,
    // A token of the wrong kind is flagged as it is pasted, but not refused: the API decides.
    validateInput: (value) => {
      if (!value.trim()) return 'Enter a token, or press Escape to cancel.';
      const warning = tokenShapeWarning(value.trim());
      return warning ? { message: warning, severity: vscode.InputBoxValidationSeverity.Warning } : undefined;
    },
  });
}

/** Whose token it is, from the API's own words (bounded and redacted: a token name could be anything). */
function describeIdentity(identity: CallerIdentity, token: string): string {
  const name = identity.tokenName && serverText(identity.tokenName, [token]);
  const account = identity.accountId && serverText(identity.accountId, [token]);
  return [name && `"${name}"`, account && `account ${account}`].filter(Boolean).join(', ');
}
