/**
 * The SDK catalogue as the tests' oracle reads it (test/support/expectedUsage.ts): which catalogued
 * SDK a reported name means, the name the views show for it, and a version's health by
 * LaunchDarkly's release dates. Written here from the rules the README and issue 21 state, straight
 * from the committed data file, without the product's functions, so a bug in those cannot hide.
 */
import { catalogueData } from './catalogue';

export interface OracleSdk {
  readonly id: string;
  /** The display name, with the id beside it when two SDKs share it. */
  readonly shown: string;
}

export type ReleaseKey = 'releaseEolPast' | 'releaseEolNear' | 'releaseMajorVersionAvailable' | 'releaseEolAllClear' | 'releaseNotJudged';

const SDKS = Object.entries(catalogueData.sdks);
const DAY_MS = 86_400_000;
const NEAR_DAYS = 90;

/** Letters and digits only, lower case: spaces, punctuation and case aside. */
const reduce = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

function majorOf(version: string | undefined): number | undefined {
  const m = version === undefined ? null : /^v?(\d+)(?:[.+-]|$)/.exec(version);
  return m ? Number(m[1]) : undefined;
}

function shownName(id: string): string {
  const name = catalogueData.sdks[id]!.name;
  return SDKS.filter(([, sdk]) => sdk.name === name).length > 1 ? `${name} (${id})` : name;
}

/** The catalogued SDK `name` (as reported) means for a series of `version`, or undefined (unknown or ambiguous). */
export function cataloguedAs(name: string, version: string): OracleSdk | undefined {
  if (name.length > 100 || !/^[\x20-\x7e]*$/.test(name)) return undefined;
  const riding = /\/(v?\d[0-9A-Za-z.+-]*)$/.exec(name);
  const key = reduce(riding ? name.slice(0, riding.index) : name);
  if (key === '') return undefined;
  const ids = SDKS.filter(([id, sdk]) => [...sdk.userAgents, ...sdk.wrapperNames, id, sdk.name].some((n) => reduce(n) === key)).map(
    ([id]) => id,
  );
  if (ids.length === 1) return { id: ids[0]!, shown: shownName(ids[0]!) };
  if (ids.length === 0) return undefined;
  // Several SDKs: the version decides when their majors follow one another without overlap.
  const lines = ids.map((id) => {
    const majors = catalogueData.sdks[id]!.releases.map(([major]) => major);
    return { id, oldest: Math.min(...majors), newest: Math.max(...majors), any: majors.length > 0 };
  });
  if (lines.some((line) => !line.any)) return undefined;
  lines.sort((a, b) => a.oldest - b.oldest);
  if (lines.some((line, i) => i > 0 && line.oldest <= lines[i - 1]!.newest)) return undefined;
  const major = majorOf(version) ?? majorOf(riding?.[1]);
  if (major === undefined) return undefined;
  const line = lines.find((l) => major <= l.newest) ?? lines[lines.length - 1]!;
  return { id: line.id, shown: shownName(line.id) };
}

/** A catalogued SDK's version judged by its release dates as of `asOfMs`. */
export function releaseKey(id: string, version: string, asOfMs: number): ReleaseKey {
  const m = /^v?(\d+)\.(\d+)(\.\d+)?$/.exec(version);
  const releases = catalogueData.sdks[id]!.releases;
  if (!m || releases.length === 0) return 'releaseNotJudged';
  const [major, minor] = [Number(m[1]), Number(m[2])];
  const line = releases.find(([a, b]) => a === major && b === minor);
  if (!line) return 'releaseNotJudged';
  const endOfLife = line[3] === null ? undefined : Date.parse(`${line[3]}T00:00:00Z`);
  if (endOfLife !== undefined && asOfMs >= endOfLife) return 'releaseEolPast';
  if (endOfLife !== undefined && asOfMs >= endOfLife - NEAR_DAYS * DAY_MS) return 'releaseEolNear';
  return Math.max(...releases.map(([a]) => a)) > major ? 'releaseMajorVersionAvailable' : 'releaseEolAllClear';
}
