/**
 * The manifest against src/contributions.ts (the ids the code uses are the ones package.json
 * declares), its getting-started walkthrough, and what the .vsix carries: the walkthrough's pages
 * and the README's pictures must be in the package, or the installed extension shows none of them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  COMMANDS,
  CONTEXT_KEYS,
  ERROR_ACTIONS,
  EXTENSION_ID,
  PANEL_VIEW_TYPE,
  SETTINGS,
  VIEW_CONTAINER_ID,
  VIEW_ID,
  WORKSPACE_VIEW_ID,
  actionCommand,
} from '../../src/contributions';
import { ACTION_LABELS } from '../../src/presentation/labels';

const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  publisher: string;
  name: string;
  activationEvents: string[];
  contributes: {
    commands: { command: string; title: string }[];
    viewsContainers: { activitybar: { id: string }[] };
    views: Record<string, { id: string; when?: string }[]>;
    viewsWelcome: { view: string; when?: string; contents: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { properties: Record<string, unknown> };
    walkthroughs: {
      id: string;
      steps: { id: string; description: string; media: { markdown?: string; image?: string }; completionEvents?: string[] }[];
    }[];
  };
};

/** What `vsce` would put into the package (the same rules `npm run package` uses). */
const packaged = new Set(
  execFileSync(path.join(root, 'node_modules', '.bin', 'vsce'), ['ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean),
);

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

test('package.json contributes exactly the commands, view, panel and settings that src/contributions.ts names', () => {
  const { contributes } = manifest;
  assert.equal(`${manifest.publisher}.${manifest.name}`, EXTENSION_ID);
  assert.deepEqual(sorted(contributes.commands.map((c) => c.command)), sorted(Object.values(COMMANDS)));
  assert.deepEqual(
    contributes.viewsContainers.activitybar.map((c) => c.id),
    [VIEW_CONTAINER_ID],
  );
  assert.deepEqual(Object.keys(contributes.views), [VIEW_CONTAINER_ID]);
  assert.deepEqual(
    contributes.views[VIEW_CONTAINER_ID]!.map((v) => v.id),
    [VIEW_ID, WORKSPACE_VIEW_ID],
  );
  assert.deepEqual(manifest.activationEvents, [`onView:${VIEW_ID}`, `onView:${WORKSPACE_VIEW_ID}`, `onWebviewPanel:${PANEL_VIEW_TYPE}`]);
  assert.deepEqual(sorted(Object.keys(contributes.configuration.properties)), sorted(Object.values(SETTINGS)));
});

test("the context keys in the manifest's when clauses are the ones src/contributions.ts names", () => {
  const { menus, viewsWelcome, walkthroughs, views } = manifest.contributes;
  const clauses = [...Object.values(menus).flat(), ...viewsWelcome, ...Object.values(views).flat()].flatMap((item) =>
    item.when ? [item.when] : [],
  );
  // `view == <id>` names the view; every other of the extension's ids in a clause is a context key.
  const read = clauses.flatMap((when) =>
    [...when.replace(/\bview == [\w.]+/g, '').matchAll(/\blaunchdarklyUsage\.[\w.]+/g)].map((m) => m[0]),
  );
  const completions = walkthroughs.flatMap((w) => w.steps.flatMap((s) => s.completionEvents ?? []));
  const awaited = completions.flatMap((event) => /^onContext:(.+)$/.exec(event)?.[1] ?? []);
  assert.deepEqual(sorted([...read, ...awaited]), sorted(Object.values(CONTEXT_KEYS)));
  assert.deepEqual(
    sorted(clauses.flatMap((when) => [...when.matchAll(/\bview == ([\w.]+)/g)].map((m) => m[1]!))),
    sorted([VIEW_ID, WORKSPACE_VIEW_ID]),
  );
});

test('every command a menu, link or welcome view names is a contributed one', () => {
  const { menus, viewsWelcome, walkthroughs } = manifest.contributes;
  const texts = [...viewsWelcome.map((v) => v.contents), ...walkthroughs.flatMap((w) => w.steps.map((s) => s.description))];
  const linked = texts.flatMap((text) => [...text.matchAll(/\(command:(launchdarklyUsage\.[\w.]+)/g)].map((m) => m[1]!));
  const named = [...Object.values(menus).flatMap((items) => items.map((item) => item.command)), ...linked];
  assert.ok(linked.length >= 5, `${linked.length} command links found`);
  const commands = new Set<string>(Object.values(COMMANDS));
  assert.deepEqual(
    named.filter((command) => !commands.has(command)),
    [],
  );
});

test('each error action is labelled as the command it runs is titled', () => {
  const titles = new Map(manifest.contributes.commands.map((c) => [c.command, c.title]));
  for (const action of ERROR_ACTIONS) assert.equal(ACTION_LABELS[action], titles.get(actionCommand(action)), action);
});

test('the walkthrough covers token, tree, chart and export, each step with packaged media', () => {
  const [walkthrough] = manifest.contributes.walkthroughs;
  assert.ok(walkthrough);
  const commands = new Set(manifest.contributes.commands.map((c) => c.command));
  const linked = walkthrough.steps.flatMap((s) => [...s.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]!));
  for (const command of ['launchdarklyUsage.setToken', 'launchdarklyUsage.showChart', 'launchdarklyUsage.exportData']) {
    assert.ok(linked.includes(command), `a step links to ${command}`);
  }
  assert.ok(
    walkthrough.steps.some((s) => s.completionEvents?.includes('onView:launchdarklyUsage.sdkVersions')),
    'a step is about the tree',
  );
  for (const step of walkthrough.steps) {
    for (const event of step.completionEvents ?? []) {
      const command = /^onCommand:(.+)$/.exec(event)?.[1];
      if (command) assert.ok(commands.has(command), `${step.id}: ${event} names a contributed command`);
    }
    const media = step.media.markdown ?? step.media.image;
    assert.ok(media && fs.existsSync(path.join(root, media)), `${step.id}: ${media} exists`);
    assert.ok(packaged.has(media), `${step.id}: ${media} is packaged`);
  }
});

test("the welcome view opens this extension's walkthrough", () => {
  const id = `${manifest.publisher}.${manifest.name}#${manifest.contributes.walkthroughs[0]!.id}`;
  for (const view of manifest.contributes.viewsWelcome) {
    const link = /\(command:workbench\.action\.openWalkthrough\?([^)]+)\)/.exec(view.contents);
    assert.ok(link, `a walkthrough link in "${view.contents.slice(0, 40)}…"`);
    assert.deepEqual(JSON.parse(decodeURIComponent(link[1]!)), [id, false]);
  }
});

test('every picture the README shows is in the package', () => {
  // Image syntax inside code spans (the failure table quotes hostile names) is text, not a picture.
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8').replace(/`[^`\n]*`/g, '');
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((src) => !/^[a-z]+:/i.test(src));
  assert.ok(images.length >= 2, 'the README shows a light and a dark screenshot');
  for (const image of images) {
    assert.ok(fs.existsSync(path.join(root, image)), `${image} exists`);
    assert.ok(packaged.has(image), `${image} is packaged`);
  }
});
