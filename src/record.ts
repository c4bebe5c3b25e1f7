/** The plain-object check every reader of untrusted JSON or messages uses. Pure, no imports: any layer may use it. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
