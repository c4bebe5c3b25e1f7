/**
 * The parsers of the structured formats, behind guards: a nesting depth check before the recursive
 * ones (jsonc-parser and the YAML composer recurse once per level), and every failure turned into a
 * short reason rather than an exception.
 */
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { parse as parseToml } from 'smol-toml';
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document, type Pair } from 'yaml';
import { isRecord } from '../record';
import type { LineIndex } from './textIndex';
import type { TextSpan } from './types';

/** Deeper than any manifest or lockfile nests (a package-lock v1 tree of 100 levels is 200); deeper text is refused unread. */
const MAX_NESTING = 512;

/** Thrown by the readers for a file they cannot read; the scan turns it into the file's problem entry. */
export class UnreadableFile extends Error {}

/**
 * Whether `[`/`{` outside quoted strings nest deeper than `limit`. Exact for JSON (where only `"`
 * quotes); in YAML a bracket inside an unquoted scalar counts too, which can only make it refuse
 * sooner. A quote left open ends at the line's end.
 */
function nestingExceeds(text: string, limit: number, singleQuotes: boolean): boolean {
  let depth = 0;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (quote !== 0) {
      if (code === 92 /* \ */ && quote === 34) i++;
      else if (code === quote || code === 10) quote = 0;
    } else if (code === 34 /* " */ || (singleQuotes && code === 39) /* ' */) quote = code;
    else if (code === 91 /* [ */ || code === 123 /* { */) {
      if (++depth > limit) return true;
    } else if (code === 93 /* ] */ || code === 125 /* } */) depth = Math.max(0, depth - 1);
  }
  return false;
}

/** A JSON reading that keeps positions (for manifests: each dependency's line); `lines` indexes `text`, for the error's line. */
export function readJsonTree(text: string, lines: LineIndex): JsonNode {
  if (nestingExceeds(text, MAX_NESTING, false)) throw new UnreadableFile(`nested deeper than ${MAX_NESTING} levels`);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const [first] = errors;
  if (first || !root) {
    throw new UnreadableFile(
      `invalid JSON${first ? ` (${printParseErrorCode(first.error)}) at line ${lines.position(first.offset).line + 1}` : ''}`,
    );
  }
  return root;
}

/** JSON read by V8 (fast and without recursion, for lockfiles of megabytes); positions are then found in the text. */
export function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UnreadableFile(`invalid JSON (${error instanceof Error ? error.message.slice(0, 80) : 'unreadable'})`);
  }
}

/** The value node of a property path in a jsonc-parser tree, if the path is there. */
export function jsonChild(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.type !== 'object') return undefined;
  for (const property of node.children ?? []) {
    const [name, value] = property.children ?? [];
    if (name?.value === key) return value;
  }
  return undefined;
}

/** The properties of an object node as [key, key node, value node, property node]. */
export function* jsonProperties(node: JsonNode | undefined): Generator<[string, JsonNode, JsonNode, JsonNode]> {
  if (node?.type !== 'object') return;
  for (const property of node.children ?? []) {
    const [name, value] = property.children ?? [];
    if (name && value && typeof name.value === 'string') yield [name.value, name, value, property];
  }
}

/** Where `"key":` is written at or after `from`, or -1: how a lockfile read with JSON.parse finds a position. */
export function findJsonKey(text: string, key: string, from = 0): number {
  const needle = JSON.stringify(key);
  for (let at = text.indexOf(needle, from); at >= 0; at = text.indexOf(needle, at + 1)) {
    let i = at + needle.length;
    while (/\s/.test(text.charAt(i))) i++;
    if (text.charCodeAt(i) === 58 /* : */) return at;
  }
  return -1;
}

/** Where `"key": "value"` is written at or after `from` (start and end offsets), or undefined. */
export function findJsonPair(text: string, key: string, value: string, from = 0): { start: number; end: number } | undefined {
  const pattern = new RegExp(`${escapeRegExp(JSON.stringify(key))}\\s*:\\s*${escapeRegExp(JSON.stringify(value))}`, 'g');
  pattern.lastIndex = from;
  const match = pattern.exec(text);
  return match ? { start: match.index, end: match.index + match[0].length } : undefined;
}

/** The span of a key `findJsonKey` found at `at` (quotes included), or the file's start when it was not found (-1). */
export function jsonKeySpan(lines: LineIndex, at: number, key: string): TextSpan {
  return lines.span(Math.max(0, at), at < 0 ? 0 : at + JSON.stringify(key).length);
}

/** The span of what `findJsonPair` found, or the file's start when it found nothing. */
export function foundSpan(lines: LineIndex, found: { start: number; end: number } | undefined): TextSpan {
  return lines.span(found?.start ?? 0, found?.end ?? 0);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function readToml(text: string): Record<string, unknown> {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (error) {
    // smol-toml says where (line) and refuses nesting past its own depth limit (1,000) without recursing further.
    const line = error instanceof Error && 'line' in error ? ` at line ${String(error.line)}` : '';
    const nested = error instanceof Error && /nested/.test(error.message) ? ': nested too deeply' : '';
    throw new UnreadableFile(`invalid TOML${line}${nested}`);
  }
}

/**
 * A YAML document with its nodes' offsets. Aliases are not expanded (the readers walk nodes, never
 * `toJS()`), so an alias bomb costs nothing.
 */
export function readYaml(text: string): Document.Parsed {
  if (nestingExceeds(text, MAX_NESTING, true)) throw new UnreadableFile(`nested deeper than ${MAX_NESTING} levels`);
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const [first] = document.errors;
  if (first) throw new UnreadableFile(`invalid YAML at line ${lineCounter.linePos(first.pos[0]).line}`);
  return document;
}

/** A plain object read from JSON or TOML, or undefined for anything else. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A YAML map's pairs with scalar keys, as [key, pair]. */
export function* yamlPairs(node: unknown): Generator<[string, Pair<unknown, unknown>]> {
  if (!isMap(node)) return;
  for (const pair of node.items) {
    if (isScalar(pair.key)) yield [String(pair.key.value), pair];
  }
}

export function yamlChild(node: unknown, key: string): unknown {
  for (const [name, pair] of yamlPairs(node)) if (name === key) return pair.value;
  return undefined;
}

/** A scalar's text (numbers too: `version: 1.2` reads as a number), or undefined. */
export function yamlScalar(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  // A number keeps the text written (`1.10`, not 1.1).
  if (typeof node.value === 'number') return node.source ?? String(node.value);
  return typeof node.value === 'string' ? node.value : undefined;
}

/**
 * A node's span (without what follows it, nor the line breaks and white space a block-style value's
 * range ends with), or the file's start when it has none; `base` is where the parsed text starts in the file.
 */
export function yamlSpan(lines: LineIndex, node: unknown, base = 0): TextSpan {
  return isNode(node) && node.range ? lines.trimmedSpan(base + node.range[0], base + node.range[1]) : lines.span(base, base);
}
