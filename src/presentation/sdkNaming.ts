/**
 * The words for what the SDK catalogue made of a reported SDK name: the names the API reported a
 * row under (when they differ from the name shown, or are several), and why an ambiguous name
 * stays as reported. Names are hostile text: each is made plain (or Markdown-safe) and capped, and
 * a row merged from very many spellings lists only the first few. Pure.
 */
import type { SdkIdentity } from '../catalogue/sdkIdentity';
import { markdownText, plainText } from '../text';

/** Spellings listed at most; the rest are counted. */
export const MAX_LISTED_SPELLINGS = 10;

/** The reported names worth saying: every one when there are several, the one when it is not the name shown; else none. */
function spellingsToSay(shown: string, reported: readonly string[]): readonly string[] {
  return reported.length > 1 || (reported.length === 1 && reported[0] !== shown) ? reported : [];
}

function listed(names: readonly string[], escape: (name: string) => string): string {
  const first = names.slice(0, MAX_LISTED_SPELLINGS).map(escape);
  const more = names.length - first.length;
  return more > 0 ? `${first.join(', ')} and ${more} more` : first.join(', ');
}

/** "Reported as NodeJSClient, node-server" in plain text, or undefined when the API used the name shown. */
export function reportedAsText(shown: string, reported: readonly string[]): string | undefined {
  const names = spellingsToSay(shown, reported);
  return names.length ? `Reported as ${listed(names, (name) => plainText(name))}` : undefined;
}

/** reportedAsText as Markdown, every name escaped. */
export function reportedAsMarkdown(shown: string, reported: readonly string[]): string | undefined {
  const names = spellingsToSay(shown, reported);
  return names.length ? `Reported as ${listed(names, (name) => markdownText(name))}` : undefined;
}

/** What the catalogue says of the name, in plain text: its SDK id, or why it stays as reported; undefined for a name it does not know. */
export function identityText(identity: SdkIdentity): string | undefined {
  switch (identity.kind) {
    case 'catalogued':
      return `LaunchDarkly SDK "${identity.id}" in the SDK catalogue`;
    case 'ambiguous':
      return `Ambiguous: this name could be ${identity.candidates.join(' or ')}, and no version decides, so it stays as reported`;
    case 'reported':
      return undefined;
  }
}
