/**
 * The entries of a block-style YAML mapping, found line by line. The `yaml` parser reads about a
 * megabyte a second, and a monorepo's pnpm-lock.yaml or a Podfile.lock can hold several: the
 * lockfile readers find the entries they need here and hand only those to the parser.
 */

export interface YamlBlock {
  /** The key, unquoted. */
  readonly key: string;
  /** Offsets of the entry's first line, of its key's first and past its last character, and past its last line. */
  readonly start: number;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly end: number;
  /** Where the lines under the key begin. */
  readonly bodyStart: number;
}

/** A key at the start of `content` (`name:`, `'quoted':`, `"quoted":`) and where it ends, or undefined when the line is no key. */
function keyOf(content: string): { key: string; length: number } | undefined {
  const quote = content[0];
  if (quote === "'" || quote === '"') {
    let close = 1;
    for (; close < content.length; close++) {
      if (content[close] === '\\' && quote === '"') close++;
      else if (content[close] === quote) {
        if (quote === "'" && content[close + 1] === "'") close++;
        else break;
      }
    }
    if (!/^:(\s|$)/.test(content.slice(close + 1))) return undefined;
    const inner = content.slice(1, close);
    let key: string;
    try {
      key = quote === "'" ? inner.replace(/''/g, "'") : (JSON.parse(`"${inner}"`) as string);
    } catch {
      key = inner;
    }
    return { key, length: close + 1 };
  }
  if (content.startsWith('- ') || content === '-' || content.startsWith('#')) return undefined;
  const colon = content.search(/:(\s|$)/);
  return colon > 0 ? { key: content.slice(0, colon).trimEnd(), length: colon } : undefined;
}

/** The mapping entries between `start` and `end`, at the indentation of the first one; comments and blank lines are skipped. */
export function yamlBlocks(text: string, start = 0, end = text.length): YamlBlock[] {
  const found: Omit<YamlBlock, 'end'>[] = [];
  let indent = -1;
  for (let at = start; at < end;) {
    const newline = text.indexOf('\n', at);
    const lineEnd = newline < 0 || newline > end ? end : newline;
    const line = text.slice(at, lineEnd).replace(/\r$/, '');
    const content = line.trimStart();
    if (content !== '' && !content.startsWith('#') && !(at === 0 && /^(---|%)/.test(content))) {
      const depth = line.length - content.length;
      if (indent < 0) indent = depth;
      const key = depth === indent ? keyOf(content) : undefined;
      if (key)
        found.push({
          key: key.key,
          start: at,
          keyStart: at + depth,
          keyEnd: at + depth + key.length,
          bodyStart: Math.min(end, lineEnd + 1),
        });
    }
    at = lineEnd + 1;
  }
  return found.map((block, i) => ({ ...block, end: found[i + 1]?.start ?? end }));
}
