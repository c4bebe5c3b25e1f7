/**
 * Plain text (SDK, project, environment and application names from the API) made inert inside
 * Markdown: tooltips and the copied upgrade plan. The one place this branch escapes Markdown, so it
 * can point at the shared escaping module once that lands.
 */
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()<>#+!|~&@:^$]/g;

export function markdownText(text: string): string {
  return (
    text
      .replace(/[\r\n\t]+/g, ' ')
      .replace(MARKDOWN_PUNCTUATION, '\\$&')
      // "www.example.com" would become a link even without a scheme.
      .replace(/(w{3})\./gi, '$1\\.')
  );
}
