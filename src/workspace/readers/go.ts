/** Go: go.mod's `require` directives (single-line and blocks). The version a module requires is exact. */
import { UnreadableFile } from '../formats';
import { sdkOfPackage } from '../packages';
import type { Declared, Reader } from '../reading';

export const readGoMod: Reader = ({ text, lines, mentionsSdk }) => {
  if (!mentionsSdk) return {};
  const declared: Declared[] = [];
  let inRequireBlock = false;
  let inOtherBlock = false;
  const rows = text.split('\n');
  for (let i = 0; i < rows.length; i++) {
    const comment = rows[i]!.indexOf('//');
    const line = (comment < 0 ? rows[i]! : rows[i]!.slice(0, comment)).trim();
    const indirect = comment >= 0 && /^\/\/\s*indirect\b/.test(rows[i]!.slice(comment));
    if (line === '') continue;
    if (inRequireBlock || inOtherBlock) {
      if (line === ')') {
        inRequireBlock = inOtherBlock = false;
        continue;
      }
      if (inOtherBlock) continue;
    }
    let requirement: string | undefined;
    if (inRequireBlock) requirement = line;
    else {
      const directive = /^(\w+)\s*(.*)$/.exec(line);
      if (!directive) throw new UnreadableFile(`invalid go.mod at line ${i + 1}`);
      const [, verb, rest] = directive;
      if (rest === '(') {
        inRequireBlock = verb === 'require';
        inOtherBlock = !inRequireBlock;
        continue;
      }
      if (verb === 'require') requirement = rest;
    }
    if (requirement === undefined) continue;
    const parts = /^("[^"]+"|\S+)\s+(\S+)$/.exec(requirement);
    if (!parts) throw new UnreadableFile(`invalid go.mod at line ${i + 1}`);
    const path = parts[1]!.replace(/^"(.*)"$/, '$1');
    const sdkId = sdkOfPackage('go', path);
    if (sdkId) {
      declared.push({
        ecosystem: 'go',
        packageName: path,
        sdkId,
        span: lines.lineSpan(i),
        declared: parts[2],
        relation: indirect ? 'transitive' : 'direct',
      });
    }
  }
  if (inRequireBlock || inOtherBlock) throw new UnreadableFile('invalid go.mod: a block is not closed');
  return { declared };
};
