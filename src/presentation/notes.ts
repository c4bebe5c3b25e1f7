/**
 * The notes beside the data, in words: what a load left out or got wrong (model/dataNotes.ts finds
 * it), and why health is estimated when LaunchDarkly's verdicts could not be loaded. Pure.
 */
import type { UsageErrorKind, UsageErrorProblem } from '../api/errors';
import type { TimeSpan } from '../api/parse';
import { MAX_REPORT_BYTES } from '../api/sdkVersionDetails';
import type { AskedRange, DataNote } from '../model/dataNotes';
import { isoInZone } from '../model/format';
import { countOf } from './counts';

/** Dates with four-digit years; anything else is shown as the raw number. */
const FIRST_DATE = Date.UTC(1000, 0, 1);
const LAST_DATE = Date.UTC(9999, 11, 31);

/** A time as a date (with the time of day unless the data is daily), or raw milliseconds far outside any plausible date. */
function when(time: number, range: AskedRange): string {
  if (!(time >= FIRST_DATE && time <= LAST_DATE)) return `${time} ms`;
  const iso = isoInZone(time, range.timeZone);
  return range.granularity === 'daily' ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
}

export function describeRangeMismatch(returned: TimeSpan, asked: AskedRange): string {
  return `LaunchDarkly returned times from ${when(returned.first, asked)} to ${when(returned.last, asked)}, outside the requested range ${when(asked.from, asked)} to ${when(asked.to, asked)}: the API may read from/to in another unit`;
}

export function dataNoteText(note: DataNote): string {
  switch (note.kind) {
    case 'ignoredValues':
      return `${countOf(note.count, 'value')} ignored (not whole numbers)`;
    case 'droppedTimes':
      return `${countOf(note.count, 'point')} at impossible times left out`;
    case 'rangeMismatch':
      return describeRangeMismatch(note.returned, note.asked);
  }
}

/** Why LaunchDarkly's verdict is missing, as the one-line note beside the estimates. */
export function verdictFailureNote(failure: {
  readonly kind: UsageErrorKind;
  readonly status?: number | undefined;
  readonly problem?: UsageErrorProblem | undefined;
}): string {
  const status = failure.status ? ` (${failure.status})` : '';
  const why: Readonly<Record<UsageErrorKind, string>> = {
    forbidden: "this token's role cannot read them (403)",
    betaHeaderMissing: 'the beta header was refused (403)',
    unauthorized: 'the token was refused (401)',
    notFound: 'this LaunchDarkly instance does not offer them (404)',
    rateLimited: 'the API is rate limited (429); the next refresh asks again',
    timeout: 'they did not arrive in time',
    invalidResponse: 'their answer could not be read',
    network: 'the API could not be reached',
    server: `the API had a server error (${failure.status ?? '5xx'})`,
    // Memory can run out while a report under the cap is read: the cap is named only when it was passed.
    tooLarge:
      failure.problem === 'outOfMemory'
        ? "LaunchDarkly's report was too large to hold in memory; the usage data is shown without it"
        : `LaunchDarkly's report is larger than this extension reads (${MAX_REPORT_BYTES / 1024 / 1024} MB); the usage data is shown without it`,
    badRequest: `the request was refused${status}`,
    redirect: 'the API host answered with a redirect, which is not followed',
    noToken: 'no API token is set',
    invalidSettings: 'the settings do not allow the request',
    cancelled: 'the request was cancelled',
  };
  return `Health is estimated: LaunchDarkly's end-of-life verdicts are unavailable, ${why[failure.kind]}.`;
}
