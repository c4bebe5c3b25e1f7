/** PHP: composer.json `require` and `require-dev`, composer.lock `packages` and `packages-dev`. */
import { asRecord, asString, findJsonPair, foundSpan, jsonChild, jsonProperties, readJson, readJsonTree, UnreadableFile } from '../formats';
import { sdkOfPackage } from '../packages';
import type { Declared, Locked, Reader } from '../reading';

export const readComposerJson: Reader = ({ text, lines, mentionsSdk }) => {
  if (!mentionsSdk) return {};
  const root = readJsonTree(text, lines);
  const declared: Declared[] = [];
  for (const section of ['require', 'require-dev']) {
    for (const [name, , value, property] of jsonProperties(jsonChild(root, section))) {
      const sdkId = sdkOfPackage('composer', name);
      if (!sdkId || typeof value.value !== 'string') continue;
      declared.push({
        ecosystem: 'composer',
        packageName: name,
        sdkId,
        span: lines.span(property.offset, property.offset + property.length),
        section,
        declared: value.value,
      });
    }
  }
  return { declared };
};

export const readComposerLock: Reader = ({ text, lines, mentionsSdk }) => {
  if (!mentionsSdk) return {};
  const lock = asRecord(readJson(text));
  if (!lock) throw new UnreadableFile('not a composer.lock object');
  const locked: Locked[] = [];
  for (const section of ['packages', 'packages-dev']) {
    const list = lock[section];
    for (const item of Array.isArray(list) ? list : []) {
      const name = asString(asRecord(item)?.name);
      const version = asString(asRecord(item)?.version);
      const sdkId = name && sdkOfPackage('composer', name);
      if (!name || !version || !sdkId) continue;
      const at = findJsonPair(text, 'name', name);
      locked.push({
        ecosystem: 'composer',
        packageName: name,
        sdkId,
        version,
        span: foundSpan(lines, at),
        relation: 'unknown',
      });
    }
  }
  return { locked };
};
