/**
 * The manifest's getting-started walkthrough and what the .vsix carries: the walkthrough's pages
 * and the README's pictures must be in the package, or the installed extension shows none of them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  publisher: string;
  name: string;
  contributes: {
    commands: { command: string }[];
    viewsWelcome: { contents: string }[];
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
