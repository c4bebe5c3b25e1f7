/** iOS: CocoaPods' Podfile.lock and SwiftPM's Package.resolved (v1–v3). Both pin exact versions. */
import { asRecord, asString, findJsonPair, foundSpan, readJson, UnreadableFile } from '../formats';
import { sdkOfPackage } from '../packages';
import type { Locked, Reader } from '../reading';
import { yamlBlocks } from '../yamlBlocks';

/** `LaunchDarkly/Core (9.0.0)` → the pod (subspecs count as their pod) and what is in brackets. */
function podEntry(text: string): { pod: string; detail?: string } {
  const match = /^([^\s(]+)\s*(?:\((.*)\))?$/.exec(text.trim());
  return { pod: (match?.[1] ?? text).split('/')[0]!, detail: match?.[2] };
}

/** The items of a block-style YAML list between offsets (`- text` or `- text:` at the list's indentation), unquoted, with their offsets. */
function listItems(text: string, start: number, end: number): { item: string; start: number; end: number }[] {
  const items: { item: string; start: number; end: number }[] = [];
  let indent = -1;
  for (let at = start; at < end;) {
    const newline = text.indexOf('\n', at);
    const lineEnd = newline < 0 || newline > end ? end : newline;
    const line = text.slice(at, lineEnd).replace(/\r$/, '');
    const content = line.trimStart();
    const depth = line.length - content.length;
    if (content.startsWith('- ') && (indent < 0 || depth === indent)) {
      indent = depth;
      const written = content.slice(2).replace(/:$/, '').trim();
      const item = /^(["']).*\1$/.test(written) ? written.slice(1, -1) : written;
      items.push({ item, start: at + depth + 2, end: at + line.length });
    }
    at = lineEnd + 1;
  }
  return items;
}

/**
 * Podfile.lock: `PODS` lists each pod with its version (a subspec too, each as a string or as a
 * map to its own dependencies); `DEPENDENCIES` lists what the Podfile asks for. Read by line (the
 * file is YAML that CocoaPods writes in one layout), so a large one costs one pass.
 */
export const readPodfileLock: Reader = ({ text, lines, mentionsSdk }) => {
  if (!mentionsSdk) return {};
  const top = yamlBlocks(text);
  const pods = top.find((block) => block.key === 'PODS');
  const dependencies = top.find((block) => block.key === 'DEPENDENCIES');
  if (!pods) throw new UnreadableFile('not a Podfile.lock: no PODS');
  const direct = new Set(
    (dependencies ? listItems(text, dependencies.bodyStart, dependencies.end) : []).map(({ item }) => podEntry(item).pod),
  );
  const locked: Locked[] = [];
  const seen = new Set<string>();
  for (const { item, start, end } of listItems(text, pods.bodyStart, pods.end)) {
    const { pod, detail } = podEntry(item);
    const sdkId = sdkOfPackage('cocoapods', pod);
    if (!detail || !sdkId || seen.has(JSON.stringify([pod, detail]))) continue;
    seen.add(JSON.stringify([pod, detail]));
    locked.push({
      ecosystem: 'cocoapods',
      packageName: pod,
      sdkId,
      version: detail,
      span: lines.span(start, end - (text[end - 1] === ':' ? 1 : 0)),
      relation: direct.has(pod) ? 'direct' : 'transitive',
    });
  }
  return { locked };
};

/**
 * Package.resolved: v1 `{ object: { pins: [{ package, repositoryURL, state: { version } }] } }`, v2
 * and v3 `{ pins: [{ identity, location, state: { version } }] }`. A pin to a branch or a commit has
 * no version and is left out.
 */
export const readPackageResolved: Reader = ({ text, lines, mentionsSdk }) => {
  if (!mentionsSdk) return {};
  const resolved = asRecord(readJson(text));
  if (!resolved) throw new UnreadableFile('not a Package.resolved object');
  const pins = resolved.pins ?? asRecord(resolved.object)?.pins;
  const locked: Locked[] = [];
  for (const item of Array.isArray(pins) ? pins : []) {
    const pin = asRecord(item);
    const key = pin?.location !== undefined ? 'location' : 'repositoryURL';
    const url = asString(pin?.[key]);
    const version = asString(asRecord(pin?.state)?.version);
    const sdkId = url && sdkOfPackage('swiftpm', url);
    if (!url || !version || !sdkId) continue;
    const at = findJsonPair(text, key, url);
    locked.push({
      ecosystem: 'swiftpm',
      packageName: url,
      sdkId,
      version,
      span: foundSpan(lines, at),
      relation: 'unknown',
    });
  }
  return { locked };
};
