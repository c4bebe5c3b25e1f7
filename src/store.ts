/**
 * The one place usage data is loaded and kept: the current query, the last good model beside the
 * latest error, and loading/stale flags. Tree and panel render its state; neither fetches.
 * One load runs at a time: a refresh during a load joins it, a new query aborts it.
 * No `vscode` import, so the concurrency rules are unit-tested against the local API.
 */
import { UsageClient, type ClientSettings } from './api/client';
import { UsageApiError, isCancellation, outOfMemoryError } from './api/errors';
import type { Disposable } from './lifecycle';
import { STREAM_SOURCES, joinSpans, type SeriesDescriptor, type StreamSource, type TimeSpan } from './api/parse';
import type { SdkVersionDetail } from './api/sdkVersionDetails';
import { anyInRange, outsideRange, type RangeMismatch } from './model/dataNotes';
import {
  TimeRangeError,
  granularityOfTimes,
  resolveTimeRange,
  resolveTimeZone,
  type Granularity,
  type TimeRangeProblem,
} from './model/timeRange';
import { filterSdkNames, type LoadStatus, type LoadedQuery, type SourceSelection, type UsageQuery } from './model/query';
import { buildUsageModel } from './model/modelBuild';
import { withoutRepeatedSeries } from './model/repeatedSeries';
import type { SdkNaming } from './catalogue/sdkIdentity';
import type { SourceAnswer, UsageModel } from './model/usageModel';
import { VerdictIndex, joinVerdicts, type Verdicts } from './model/verdict';

export interface StoreState {
  readonly query: UsageQuery;
  readonly status: LoadStatus;
  /** The last good data, kept through later failures. */
  readonly model: UsageModel | undefined;
  readonly loaded: LoadedQuery | undefined;
  readonly fetchedAt: number | undefined;
  /** The last load's failure; a RefusedLoadError when the store refused the load itself. */
  readonly error: UsageApiError | RefusedLoadError | undefined;
  /** The model on show does not answer the current query or the last refresh failed. */
  readonly stale: boolean;
  /**
   * The model on show was saved by an earlier session and restored (`restore`): no request in this
   * session has answered it yet, and `fetchedAt` says how old it is. The next load that succeeds clears it.
   */
  readonly restored: boolean;
  /** LaunchDarkly's last `sdk-versions/all` answer and when it came; kept beside the model, never blocking it. */
  readonly details: SdkVersionDetails | undefined;
  /** Why the last `sdk-versions/all` request failed; health then falls back to the estimate. */
  readonly detailsError: UsageApiError | undefined;
  /** `details` joined to the model's series (undefined without either). */
  readonly verdicts: Verdicts | undefined;
}

export interface SdkVersionDetails {
  readonly entries: readonly SdkVersionDetail[];
  /** The entries indexed for joining, once per answer. */
  readonly index: VerdictIndex;
  /** Items of the answer that were not objects. */
  readonly ignored: number;
  readonly fetchedAt: number;
}

/** LaunchDarkly's verdicts as they came, without the index built from them. */
export type SdkVersionDetailsAnswer = Omit<SdkVersionDetails, 'index'>;

/**
 * What a successful load received, as validated: enough to build the same model again (and so
 * what is saved for the next start). `details` are LaunchDarkly's verdicts as they stood when the
 * load settled.
 */
export interface FetchedAnswer {
  readonly answers: readonly SourceAnswer[];
  readonly loaded: LoadedQuery;
  readonly fetchedAt: number;
  readonly details: SdkVersionDetailsAnswer | undefined;
}

/** A load that succeeded: what it received, the query it answered and the settings (account, host) it was asked with. */
export interface Fetched {
  readonly answer: FetchedAnswer;
  readonly query: UsageQuery;
  readonly settings: ClientSettings;
}

/** LaunchDarkly refreshes its verdicts hourly: an answer younger than this is reused, not asked for again. */
export const DETAILS_MAX_AGE_MS = 15 * 60_000;

/** A load the store refuses by itself: a custom range that cannot be asked for, or an answer wholly outside the range. */
export type LoadRefusal = TimeRangeProblem | RangeMismatch;

/**
 * A refused load, of the kind views offer the right actions for; it carries the refusal's facts,
 * which presentation words (its message is only the refusal's kind).
 */
export class RefusedLoadError extends UsageApiError {
  constructor(readonly refusal: LoadRefusal) {
    super(refusal.kind === 'rangeMismatch' ? 'invalidResponse' : 'invalidSettings', refusal.kind, {
      problem: refusal.kind === 'rangeMismatch' ? 'rangeMismatch' : 'timeRange',
    });
  }
}

/** Builds client settings from the current configuration and token, or says why it cannot. */
export type Connector = () => Promise<ClientSettings>;

export function sourcesOf(selection: SourceSelection): StreamSource[] {
  return selection === 'both' ? [...STREAM_SOURCES] : [selection];
}

/** A state with nothing loaded or asked for yet: how a store starts, and what forgetting all data returns to. */
const NO_DATA = {
  status: 'idle',
  model: undefined,
  loaded: undefined,
  fetchedAt: undefined,
  error: undefined,
  stale: false,
  restored: false,
  details: undefined,
  detailsError: undefined,
} as const satisfies Partial<StoreState>;

export class UsageStore {
  private current: StoreState;
  private inFlight: { controller: AbortController; done: Promise<void> } | undefined;
  private readonly knownVersions = new Map<StreamSource, Promise<SeriesDescriptor[]>>();
  private readonly listeners = new Set<(state: StoreState) => void>();
  private readonly fetchListeners = new Set<(fetched: Fetched) => void>();
  /** The `sdk-versions/all` request in flight; a token change abandons it. */
  private detailsRequest: { controller: AbortController; done: Promise<void> } | undefined;
  /** The SDK catalogue's naming, once read: models and the verdict join are made with it. */
  private naming: SdkNaming | undefined;

  constructor(
    private readonly connect: Connector,
    query: UsageQuery,
    private readonly now: () => number = Date.now,
    /** Hears a listener's exception; the other listeners still run. */
    private readonly onListenerError: (error: unknown) => void = (error) => console.error('A usage store listener failed:', error),
    /** Reads the SDK catalogue when first needed (catalogueFile.ts); undefined without one, or when reading failed. */
    private readonly readNaming: () => Promise<SdkNaming | undefined> = async () => undefined,
  ) {
    this.current = { query, ...NO_DATA, verdicts: undefined };
  }

  get state(): StoreState {
    return this.current;
  }

  onDidChange(listener: (state: StoreState) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /**
   * Hears each load that succeeded, once LaunchDarkly's verdicts asked for with it have settled too,
   * while its data is still the data on show; after the views have heard of it.
   */
  onDidFetch(listener: (fetched: Fetched) => void): Disposable {
    this.fetchListeners.add(listener);
    return { dispose: () => this.fetchListeners.delete(listener) };
  }

  /**
   * Shows an answer an earlier session received for the query of `since`, as if it had just loaded
   * but marked `restored`; only while the state is still `since` (nothing has loaded, been reset or
   * asked for since the caller looked) and nothing is on show or loading: a load always wins.
   * Returns whether it was shown.
   */
  restore(answer: FetchedAnswer, since: StoreState): boolean {
    if (this.current !== since || since.model || since.status !== 'idle' || this.inFlight) return false;
    const { details } = answer;
    this.update({
      status: 'ready',
      model: this.modelOf(answer.answers, answer.loaded.granularity),
      loaded: answer.loaded,
      fetchedAt: answer.fetchedAt,
      error: undefined,
      stale: false,
      restored: true,
      details: details && { ...details, index: new VerdictIndex(details.entries) },
      detailsError: undefined,
    });
    return true;
  }

  /**
   * Loads the current query again. A refresh while one is loading joins it instead of starting
   * another. While a rate limit's wait is not over it is answered here, without a request, unless
   * `despiteRateLimit` (the user asked to try now: one request, whatever the wait said).
   */
  refresh(options: { readonly despiteRateLimit?: boolean } = {}): Promise<void> {
    if (this.inFlight) {
      return this.inFlight.done;
    }
    const { error } = this.current;
    if (!options.despiteRateLimit && stillRateLimited(error, this.now())) {
      this.update({
        error: new UsageApiError('rateLimited', "Still rate limited by LaunchDarkly's API.", {
          status: 429,
          retryAt: error.retryAt,
          problem: 'answeredLocally',
        }),
      });
      return Promise.resolve();
    }
    return this.load();
  }

  /** Changes the query (source, range, filter…) and loads it, abandoning any older load. */
  setQuery(change: Partial<UsageQuery>, load = true): Promise<void> {
    this.abort();
    this.current = { ...this.current, query: { ...this.current.query, ...change }, stale: this.current.model !== undefined };
    return load ? this.load() : Promise.resolve();
  }

  /** Forgets all data, e.g. when the token is cleared or replaced. */
  reset(): void {
    this.abort();
    this.detailsRequest?.controller.abort();
    this.detailsRequest = undefined;
    this.knownVersions.clear();
    this.update(NO_DATA);
  }

  /** SDKs and versions seen in the last 60 days for a source; fetched once per session and token. */
  sdkVersions(source: StreamSource): Promise<SeriesDescriptor[]> {
    let known = this.knownVersions.get(source);
    if (!known) {
      known = this.connect().then((settings) => new UsageClient(settings).sdkVersions(source));
      this.knownVersions.set(source, known);
      // A failure is not cached: the next caller asks again.
      const request = known;
      request.catch(() => {
        if (this.knownVersions.get(source) === request) this.knownVersions.delete(source);
      });
    }
    return known;
  }

  dispose(): void {
    this.abort();
    this.detailsRequest?.controller.abort();
    this.listeners.clear();
    this.fetchListeners.clear();
  }

  private abort(): void {
    this.inFlight?.controller.abort();
    this.inFlight = undefined;
  }

  private load(): Promise<void> {
    const controller = new AbortController();
    const query = this.current.query;
    this.update({ status: 'loading' });
    // The load stops counting as in flight before listeners hear its outcome, so a refresh they
    // (or anyone after them) ask for starts a new load instead of joining the finished one.
    const settle = (): boolean => {
      if (this.inFlight?.controller === controller) this.inFlight = undefined;
      return !controller.signal.aborted;
    };
    const loaded = this.fetchModel(query, controller.signal).then(
      ({ model, received, settings }) => {
        if (!settle()) return undefined;
        const fetchedAt = this.now();
        this.update({ status: 'ready', model, loaded: received.loaded, fetchedAt, error: undefined, stale: false, restored: false });
        return { model, received, settings, fetchedAt };
      },
      (error: unknown) => {
        if (!settle() || isCancellation(error)) {
          return undefined;
        }
        const failure = error instanceof UsageApiError ? error : error instanceof RangeError ? outOfMemoryError() : unexpected(error);
        this.update({ status: 'error', error: failure, stale: this.current.model !== undefined });
        return undefined;
      },
    );
    // Callers of refresh() hear of the end once LaunchDarkly's verdicts have settled too; the data itself never waits for them.
    const done = loaded.then(async (success) => {
      await this.detailsRequest?.done;
      // Only data still on show is told of: after a reset or a newer load it is old news.
      if (success && this.current.model === success.model) {
        const details = this.current.details;
        this.tellFetched({
          answer: {
            ...success.received,
            fetchedAt: success.fetchedAt,
            details: details && { entries: details.entries, ignored: details.ignored, fetchedAt: details.fetchedAt },
          },
          query,
          settings: success.settings,
        });
      }
    });
    this.inFlight = { controller, done };
    return done;
  }

  /**
   * Asks for LaunchDarkly's verdicts (`sdk-versions/all`) unless a request is in flight, the last
   * answer is younger than DETAILS_MAX_AGE_MS, or a rate limit says to wait. Its outcome lands in
   * `details` or `detailsError` and never touches the stream data's status.
   */
  private loadDetails(settings: ClientSettings): void {
    const { details, detailsError } = this.current;
    const now = this.now();
    if (this.detailsRequest || (details && now - details.fetchedAt < DETAILS_MAX_AGE_MS)) return;
    if (stillRateLimited(detailsError, now)) return;
    const controller = new AbortController();
    const current = (): boolean => this.detailsRequest?.controller === controller;
    const done = new UsageClient(settings)
      .sdkVersionDetails({}, controller.signal)
      .then(
        ({ entries, ignored }) => {
          if (current())
            this.update({
              details: { entries, index: new VerdictIndex(entries), ignored, fetchedAt: this.now() },
              detailsError: undefined,
            });
        },
        (error: unknown) => {
          if (current() && !isCancellation(error))
            this.update({ detailsError: error instanceof UsageApiError ? error : unexpected(error) });
        },
      )
      .finally(() => {
        if (current()) this.detailsRequest = undefined;
      });
    this.detailsRequest = { controller, done };
  }

  private async fetchModel(
    query: UsageQuery,
    signal: AbortSignal,
  ): Promise<{ model: UsageModel; received: Omit<FetchedAnswer, 'fetchedAt' | 'details'>; settings: ClientSettings }> {
    // Read while the data loads; awaited only to build the model.
    const catalogue = this.readCatalogue();
    const settings = await this.connect();
    this.loadDetails(settings);
    let range;
    try {
      range = resolveTimeRange(query.range, this.now());
    } catch (error) {
      if (error instanceof TimeRangeError) throw new RefusedLoadError(error.problem);
      throw error;
    }
    const client = new UsageClient(settings);
    const timeZone = resolveTimeZone(query.timeZone);
    const { version } = query.filter;
    const perName = await Promise.all(
      sourcesOf(query.source).flatMap((source) => {
        // Health needs the versions seen lately; that list is fetched once, not on every refresh.
        const known = this.sdkVersions(source).catch(() => undefined);
        return filterSdkNames(query.filter).map(async (sdk, i) => {
          const list = await client.streamsBySdkVersion({ source, from: range.from, to: range.to, tz: timeZone, sdk, version }, signal);
          return { source, list, knownVersions: i === 0 ? await known : undefined };
        });
      }),
    );
    const answers = withoutRepeatedSeries(perName);
    // The data's own spacing wins over the rule's prediction, which the API applies by its own clock.
    const granularity = granularityOfTimes(answers.find((a) => a.list.times.length > 1)?.list.times ?? []) ?? range.granularity;
    const asked = { from: range.from, to: range.to, granularity, timeZone };
    const span = answers.reduce<TimeSpan | undefined>((joined, a) => joinSpans(joined, a.list.timeSpan), undefined);
    if (span && outsideRange(span, asked) && !answers.some((a) => anyInRange(a.list.times, asked))) {
      // Nothing at all in the range asked for: charting 1970, or nothing, would only mislead.
      throw new RefusedLoadError({ kind: 'rangeMismatch', returned: span, asked });
    }
    const loaded: LoadedQuery = {
      source: query.source,
      preset: query.range.kind === 'preset' ? query.range.preset : undefined,
      from: range.from,
      to: range.to,
      granularity,
      timeZone,
      filter: query.filter,
    };
    await catalogue;
    return { model: this.modelOf(answers, granularity), received: { answers, loaded }, settings };
  }

  /** Reads the SDK catalogue (when first asked: the reader keeps it), so the next model, loaded or restored, is made with it. */
  async readCatalogue(): Promise<void> {
    this.naming = (await this.readNaming()) ?? this.naming;
  }

  /** The model of received answers: one function for answers just loaded and answers restored, so both build the same. */
  private modelOf(answers: readonly SourceAnswer[], granularity: Granularity): UsageModel {
    return buildUsageModel(answers, granularity, { naming: this.naming, now: this.now() });
  }

  private tellFetched(fetched: Fetched): void {
    for (const listener of [...this.fetchListeners]) {
      try {
        listener(fetched);
      } catch (error) {
        this.reportListenerError(error);
      }
    }
  }

  private update(change: Partial<StoreState>): void {
    const previous = this.current;
    const next = { ...previous, ...change };
    if (next.model !== previous.model || next.details !== previous.details) {
      next.verdicts =
        next.model && next.details ? joinVerdicts(next.model.versions, next.details.index, next.model.sources, this.naming) : undefined;
    }
    this.current = next;
    for (const listener of [...this.listeners]) {
      // One failing view must not starve the others, nor turn a load into a rejected promise.
      try {
        listener(this.current);
      } catch (error) {
        this.reportListenerError(error);
      }
    }
  }

  private reportListenerError(error: unknown): void {
    try {
      this.onListenerError(error);
    } catch {
      // The reporter itself failed: nothing more can be done without risking the load.
    }
  }
}

/** A rate limit whose window has not reset yet: asking again before then only earns another 429. */
function stillRateLimited(error: UsageApiError | undefined, now: number): error is UsageApiError & { readonly retryAt: number } {
  return error?.kind === 'rateLimited' && error.retryAt !== undefined && now < error.retryAt;
}

function unexpected(error: unknown): UsageApiError {
  // Never echo raw error text: it could quote a request, and so the token.
  return new UsageApiError(
    'invalidResponse',
    `Loading usage data failed unexpectedly (${error instanceof Error ? error.name : 'unknown error'}).`,
    { problem: 'unexpected' },
  );
}
