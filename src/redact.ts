/** Scrubs access tokens out of text before it is logged: a second guard behind never logging them. */

const TOKEN_PATTERN = /\b(api|sdk|mob)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

export function redact(text: string, secrets: readonly string[] = []): string {
  let result = text.replace(TOKEN_PATTERN, (_match, prefix: string) => `${prefix}-<redacted>`);
  for (const secret of secrets) {
    if (secret.length >= 8) {
      result = result.split(secret).join('<redacted>');
    }
  }
  return result;
}
