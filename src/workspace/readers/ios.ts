/** iOS: CocoaPods' Podfile.lock and SwiftPM's Package.resolved (v1–v3). Both pin exact versions. */
import { isMap, isSeq } from 'yaml';
import { asRecord, asString, findJsonPair, readJson, readYaml, UnreadableFile, yamlChild, yamlScalar, yamlSpan } from '../formats';
import { sdkOfPackage } from '../packages';
import type { Locked, Reader } from '../reading';

/** `LaunchDarkly/Core (9.0.0)` → the pod (subspecs count as their pod) and what is in brackets. */
function podEntry(text: string): { pod: string; detail?: string } {
  const match = /^([^\s(]+)\s*(?:\((.*)\))?$/.exec(text.trim());
  return { pod: (match?.[1] ?? text).split('/')[0]!, detail: match?.[2] };
}

/**
 * Podfile.lock: `PODS` lists each pod with its version (a subspec too, each as a string or as a
 * map to its own dependencies); `DEPENDENCIES` lists what the Podfile asks for.
 */
export const readPodfileLock: Reader = ({ text, lines, mentionsSdk }) => {
  if (!mentionsSdk) return {};
  const root = readYaml(text).contents;
  if (!isMap(root)) throw new UnreadableFile('not a Podfile.lock');
  const direct = new Set<string>();
  const dependencies = yamlChild(root, 'DEPENDENCIES');
  for (const item of isSeq(dependencies) ? dependencies.items : []) {
    const entry = yamlScalar(item);
    if (entry) direct.add(podEntry(entry).pod);
  }
  const locked: Locked[] = [];
  const seen = new Set<string>();
  const pods = yamlChild(root, 'PODS');
  for (const item of isSeq(pods) ? pods.items : []) {
    const node = isMap(item) ? item.items[0]?.key : item;
    const entry = yamlScalar(node);
    const { pod, detail } = podEntry(entry ?? '');
    const sdkId = sdkOfPackage('cocoapods', pod);
    if (!entry || !detail || !sdkId || seen.has(JSON.stringify([pod, detail]))) continue;
    seen.add(JSON.stringify([pod, detail]));
    locked.push({
      ecosystem: 'cocoapods',
      packageName: pod,
      sdkId,
      version: detail,
      span: yamlSpan(lines, node),
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
      span: lines.span(at?.start ?? 0, at?.end ?? 0),
      relation: 'unknown',
    });
  }
  return { locked };
};
