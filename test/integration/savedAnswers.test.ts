/**
 * The last good answer kept for the next start, in a real extension host against the local API:
 * the extension saves it in its global storage through `vscode.workspace.fs`, the packaged file
 * format (dist/answerFile.js) reads it back into a new session's store without a request, and
 * clearing the token deletes it. (A real window reload is the e2e suite's: test/e2e/restore.test.ts.)
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createAnswerCache } from '../../src/answerCache';
import { ANSWER_FILE_BUNDLE, answerFileCodec, storageAnswerFolder } from '../../src/answerFolder';
import type { ExtensionApi } from '../../src/extension';
import { CATALOGUE_CODE_FILE, CATALOGUE_FILE, bundledCatalogueCode, lazySdkNaming } from '../../src/catalogueFile';
import { UsageStore } from '../../src/store';
import { DEMO_TOKEN, startLdApiServer, type LdApiServer } from '../server/ldApiServer';
import { EXTENSION_ID, activateExtension, setSetting, waitForState } from './helpers';

suite('Saved answers: kept in global storage, restored without a request, deleted with the token', () => {
  let server: LdApiServer;
  let api: ExtensionApi;

  const savedFolder = () => vscode.Uri.joinPath(api.savedAnswers.storage, 'saved-answers');
  const savedFiles = async () => {
    try {
      return (await vscode.workspace.fs.readDirectory(savedFolder())).map(([name]) => name).filter((name) => name.endsWith('.ldusage'));
    } catch {
      return [];
    }
  };

  suiteSetup(async () => {
    server = await startLdApiServer({ dataset: 'messy' });
    await setSetting('baseUrl', server.url);
    await setSetting('source', 'server');
    await setSetting('timeRange', '24h');
    api = await activateExtension();
    await vscode.commands.executeCommand('launchdarklyUsage.clearToken');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('launchdarklyUsage.clearToken');
    for (const key of ['baseUrl', 'source', 'timeRange']) await setSetting(key, undefined);
    await server?.close();
  });

  test('a load is saved in global storage, and a new session shows it from there without a request', async () => {
    assert.equal(await vscode.commands.executeCommand<boolean>('launchdarklyUsage.setToken', DEMO_TOKEN), true);
    const loaded = await waitForState(api, (s) => s.status === 'ready' && s.model !== undefined && s.details !== undefined);
    const deadline = Date.now() + 15_000;
    while ((await savedFiles()).length === 0) {
      assert.ok(Date.now() < deadline, 'the answer was saved within 15 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await api.savedAnswers.settled();
    assert.equal((await savedFiles()).length, 1);
    const bytes = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(savedFolder(), (await savedFiles())[0]!)));
    assert.ok(!bytes.toString('latin1').includes(DEMO_TOKEN.slice(4, 12)), 'the file does not hold the token');

    const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    const connect = async () => ({ baseUrl: server.url, token: DEMO_TOKEN, userAgent: 'saved-answers-test', timeoutMs: 5_000 });
    // A store as the extension makes it, with the SDK catalogue it reads from the package.
    const readNaming = lazySdkNaming(path.join(extensionPath, CATALOGUE_FILE), () =>
      bundledCatalogueCode(path.join(extensionPath, CATALOGUE_CODE_FILE)),
    );
    const store = new UsageStore(connect, api.store.state.query, Date.now, undefined, readNaming);
    const logs: string[] = [];
    const cache = createAnswerCache({
      folder: storageAnswerFolder(api.savedAnswers.storage),
      codec: answerFileCodec(path.join(extensionPath, ANSWER_FILE_BUNDLE)),
      store,
      connect,
      onTokenChange: () => ({ dispose: () => undefined }),
      log: { info: (m) => logs.push(m), warn: (m) => logs.push(m), failed: (m) => logs.push(m) },
    });
    try {
      server.resetRequests();
      assert.equal(await cache.restore(), true, logs.join('\n'));
      assert.equal(server.requests.length, 0, 'no request');
      assert.equal(store.state.restored, true);
      assert.deepEqual(store.state.model, loaded.model);
      assert.deepEqual(store.state.loaded, loaded.loaded);
      assert.deepEqual(store.state.verdicts, api.store.state.verdicts);
      assert.match(
        logs.join('\n'),
        /^Restored [\d,]+ versions saved less than a minute ago: read from disk and shown in [\d.]+ ms \(reading began [\d:.]+\)\.$/,
      );
    } finally {
      cache.dispose();
      store.dispose();
    }
  });

  test('clearing the token deletes every saved answer', async () => {
    assert.ok((await savedFiles()).length > 0);
    await vscode.commands.executeCommand('launchdarklyUsage.clearToken');
    await api.savedAnswers.settled();
    assert.deepEqual(await savedFiles(), []);
  });
});
