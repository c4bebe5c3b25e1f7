/** The API access token, kept only in SecretStorage. Mirrors "is one stored" into a context key when that changes. */
import * as vscode from 'vscode';
import { CONTEXT_KEYS, STORAGE_KEYS } from './contributions';
import { DisposableOwner } from './lifecycle';

/** LaunchDarkly personal and service access tokens: `api-` and a UUID. */
const ACCESS_TOKEN = /^api-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why a token will probably not work, or undefined when it looks like an access token. */
export function tokenShapeWarning(token: string): string | undefined {
  if (ACCESS_TOKEN.test(token)) return undefined;
  if (/^sdk-/i.test(token)) return 'This looks like an SDK key (sdk-…); the REST API needs an API access token (api-…).';
  if (/^mob-/i.test(token)) return 'This looks like a mobile key (mob-…); the REST API needs an API access token (api-…).';
  if (/^[0-9a-f]{24}$/i.test(token)) return 'This looks like a client-side ID; the REST API needs an API access token (api-…).';
  if (/^bearer\s/i.test(token)) return 'Leave out the "Bearer " prefix: LaunchDarkly expects the raw token.';
  return 'This does not look like a LaunchDarkly API access token (api- followed by a UUID).';
}

export class TokenStore extends DisposableOwner {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  /** Kept in memory only so the logger can redact it. */
  private known: string | undefined;
  /** Whether `known` holds a read yet: the first read sets it without counting as a change. */
  private read = false;
  /** What the context key says; it is set only when this changes, not on every read. */
  private contextHasToken: boolean | undefined;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    /** Hears a failed read after another window changed the token (the secret store can fail). */
    private readonly onError: (error: unknown) => void,
  ) {
    super();
    // Another window may set or clear the token.
    this.register(
      secrets.onDidChange((event) => {
        if (event.key === STORAGE_KEYS.apiToken) {
          this.get().then(undefined, (error: unknown) => this.onError(error));
        }
      }),
    );
  }

  /** The stored token. A read that finds another token than the last one tells `onDidChange` at once. */
  async get(): Promise<string | undefined> {
    const token = (await this.secrets.get(STORAGE_KEYS.apiToken)) || undefined;
    const changed = this.read && token !== this.known;
    this.read = true;
    this.known = token;
    if (changed) this.changed.fire();
    const hasToken = token !== undefined;
    if (hasToken !== this.contextHasToken) {
      this.contextHasToken = hasToken;
      await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.hasToken, hasToken);
    }
    return token;
  }

  /** Stores a token; listeners hear of it before this resolves, even when it is the token already stored. */
  async store(token: string): Promise<void> {
    const same = this.read && token === this.known;
    await this.secrets.store(STORAGE_KEYS.apiToken, token);
    await this.get();
    // Saving the same token again is still a person asking to start over.
    if (same) this.changed.fire();
  }

  async clear(): Promise<void> {
    await this.secrets.delete(STORAGE_KEYS.apiToken);
    await this.get();
  }

  /** Whether a token was stored when last read. */
  get hasToken(): boolean {
    return this.known !== undefined;
  }

  /** The last token read, for redaction only. */
  secretsToRedact(): string[] {
    return this.known ? [this.known] : [];
  }
}
