/**
 * Real Markdown renderers for the tests, and readers of what they produce. markdown-it runs with
 * raw HTML and linkify on (the most permissive common setup); marked runs with GFM, as VS Code's
 * hovers do. Text that came through `markdownText` must render as exactly its characters in both.
 */
import MarkdownIt from 'markdown-it';
import { Marked } from 'marked';

const markdownIt = new MarkdownIt({ html: true, linkify: true });
const marked = new Marked({ gfm: true });

export const RENDERERS: Readonly<Record<string, (markdown: string) => string>> = {
  'markdown-it': (markdown) => markdownIt.render(markdown),
  marked: (markdown) => marked.parse(markdown, { async: false }),
};

/** Text of rendered HTML without tags: the entities both renderers write, decoded. */
export function decodeHtml(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Tags that data must never produce: links, images, headings, HTML, emphasis, code, lists, rules. */
export const MARKUP_FROM_DATA =
  /<(?:a|img|h[1-6]|script|iframe|style|svg|math|em|strong|del|s|code|pre|blockquote|ul|ol|li|hr|br|input|table|p|div|span)\b/i;

export interface RenderedTable {
  readonly header: string[];
  /** Raw HTML of each body cell, row by row. */
  readonly rows: string[][];
}

/** The first table in rendered HTML: header cell texts and body cells (raw HTML). */
export function renderedTable(html: string): RenderedTable | undefined {
  const table = /<table>([\s\S]*?)<\/table>/.exec(html)?.[1];
  if (table === undefined) return undefined;
  const cells = (row: string) => [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => m[1]!);
  const section = (name: string) => new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(table)?.[1];
  const rowsOf = (text: string | undefined) => [...(text ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => cells(m[1]!));
  return { header: rowsOf(section('thead'))[0] ?? [], rows: rowsOf(section('tbody')) };
}
