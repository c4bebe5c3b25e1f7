/**
 * Positions in TOML text. smol-toml reads the values but keeps no positions, so the readers find
 * the key or string they read by its table's header and its own spelling; where it cannot be found
 * (an unusual spelling), the table's header stands in.
 */
import { escapeRegExp } from './formats';
import type { LineIndex } from './textIndex';

interface TomlTable {
  /** Dotted name with quotes and spaces removed: `[tool.poetry.group."dev".dependencies]` → `tool.poetry.group.dev.dependencies`. */
  readonly name: string;
  /** Offset of the header line, and of the end of the table's body. */
  readonly start: number;
  readonly end: number;
}

const HEADER = /^[ \t]*\[\[?([^\]\n]+)\]\]?[ \t]*(?:#.*)?$/gm;

function tomlTables(text: string): TomlTable[] {
  const tables: { name: string; start: number }[] = [{ name: '', start: 0 }];
  for (const match of text.matchAll(HEADER)) {
    const name = match[1]!
      .split('.')
      .map((part) => part.trim().replace(/^(["'])(.*)\1$/, '$2'))
      .join('.');
    tables.push({ name, start: match.index });
  }
  return tables.map((table, i) => ({ ...table, end: tables[i + 1]?.start ?? text.length }));
}

/** The offset of `key =` (or `key.x =`, or the key quoted) at a line's start inside the first table named `table`, or -1. */
function findTomlKey(text: string, tables: readonly TomlTable[], table: string, key: string, from = 0): number {
  const pattern = new RegExp(`^[ \\t]*(?:${escapeRegExp(key)}|"${escapeRegExp(key)}"|'${escapeRegExp(key)}')[ \\t]*[.=]`, 'gm');
  for (const { name, start, end } of tables) {
    if (name !== table || end <= from) continue;
    pattern.lastIndex = Math.max(start, from);
    const match = pattern.exec(text);
    if (match && match.index < end) return match.index + match[0].length - match[0].trimStart().length;
  }
  return -1;
}

/** The offset of a string written as `"value"` or `'value'` at or after `from`, or -1. */
function findTomlString(text: string, value: string, from = 0): number {
  const pattern = new RegExp(`["']${escapeRegExp(value)}["']`, 'g');
  pattern.lastIndex = from;
  return pattern.exec(text)?.index ?? -1;
}

/** The offset of a table's header, or -1. */
function tableStart(tables: readonly TomlTable[], table: string): number {
  return tables.find((t) => t.name === table)?.start ?? -1;
}

/** Finds positions of what a TOML manifest declares: each string or key at its next place in document order. */
export class TomlPlaces {
  private readonly tables: TomlTable[];
  private readonly next = new Map<string, number>();

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {
    this.tables = tomlTables(text);
  }

  /** A requirement string in an array of the given table (or of its parent, when written inline there). */
  ofString(value: string, table: string) {
    const from = this.next.get(value) ?? Math.max(0, tableStart(this.tables, table));
    const at = findTomlString(this.text, value, from);
    if (at >= 0) this.next.set(value, at + 1);
    return at >= 0 ? this.lines.span(at, at + value.length + 2) : this.header(table);
  }

  /** A key of a table (`name = …`), or the `[table.name]` header of its own sub-table. */
  ofKey(key: string, table: string) {
    const at = findTomlKey(this.text, this.tables, table, key);
    if (at >= 0) return this.lines.lineSpanAt(at);
    return this.header(`${table}.${key}`, table);
  }

  private header(...names: string[]) {
    const start = names.map((name) => tableStart(this.tables, name)).find((at) => at >= 0) ?? 0;
    return this.lines.lineSpanAt(start);
  }
}
