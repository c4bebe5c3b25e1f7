/**
 * The words for a version's health: LaunchDarkly's end-of-life verdicts, the verdicts from
 * LaunchDarkly's SDK release dates (the catalogue's data, with the data's date) and the estimate
 * against the newest version seen, each saying whose verdict it is. Pure; the tree, the panel, the
 * exports and the Markdown documents all take them from here.
 */
import { NEAR_END_OF_LIFE_DAYS, type NotJudgedReason, type ReleaseDateVerdict } from '../catalogue/releaseHealth';
import type { VersionHealth } from '../model/health';
import type { PlanRow, PlanStatus } from '../model/upgradePlan';
import type { EffectiveHealth, HealthSource, KnownEolStatus } from '../model/verdict';
import { countOf } from './counts';

export const EOL_LABELS: Readonly<Record<KnownEolStatus, string>> = {
  EolPast: 'Past end of life',
  EolNear: 'Near end of life',
  MajorVersionAvailable: 'New major version available',
  EolAllClear: 'Current',
};

/** The upgrade plan's statuses inside a sentence ("3 past end of life"), in the plan's order. */
export const PLAN_STATUS_TEXT: Readonly<Record<PlanStatus, string>> = {
  EolPast: EOL_LABELS.EolPast.toLowerCase(),
  EolNear: EOL_LABELS.EolNear.toLowerCase(),
  MajorVersionAvailable: EOL_LABELS.MajorVersionAvailable.toLowerCase(),
};

/** A plan row's status, marked when it comes from the release dates rather than LaunchDarkly. */
export function planStatusLabel(row: Pick<PlanRow, 'status' | 'judgedBy'>): string {
  return row.judgedBy === 'releaseDates' ? `${EOL_LABELS[row.status]} (release dates)` : EOL_LABELS[row.status];
}

export function describeHealth(health: VersionHealth): string {
  switch (health.status) {
    case 'current':
      return `Current (newest seen: ${health.newest})`;
    case 'minorBehind':
      return `${countOf(health.behind, 'minor version')} behind ${health.newest}`;
    case 'majorBehind':
      return `${countOf(health.behind, 'major version')} behind ${health.newest}`;
    case 'unknown':
      return 'Version not comparable (not a semantic version)';
  }
}

/** Why a version cannot be judged by release dates, after "Not judged: ". */
export const NOT_JUDGED_TEXT: Readonly<Record<NotJudgedReason, string>> = {
  unknownVersion: 'the version is unknown',
  unreadable: 'not a major.minor.patch version',
  preRelease: 'a pre-release, which the release dates do not cover',
  buildMetadata: 'a build with metadata, which the release dates do not cover',
  newerThanData: 'newer than the release data',
  notInData: 'a release line the release data does not list',
  noReleaseData: 'the release data lists no releases of this SDK',
};

/** Whose verdict a health is, as its description ends; the release data's date goes in its place. */
export function healthSourceText(source: HealthSource, dataDate?: string): string {
  switch (source) {
    case 'launchdarkly':
      return 'LaunchDarkly';
    case 'releaseDates':
      return `estimate from LaunchDarkly's release dates as of ${dataDate ?? 'unknown'}`;
    case 'estimate':
      return 'estimate';
  }
}

/**
 * The status and target of a release-date verdict, without whose it is: "Past end of life since
 * 2025-03-01, upgrade to 9.13", "Near end of life on 2026-09-01", "New major version available,
 * newest of this major 2.6", "Current, newest 9.13". The target is a release line; it is named only
 * when it is not the version's own.
 */
export function describeReleaseDateVerdict(verdict: ReleaseDateVerdict): string {
  if (verdict.kind === 'notJudged') return `Not judged: ${NOT_JUDGED_TEXT[verdict.reason]}`;
  const { status, line, targetMajorMinor } = verdict;
  const other = targetMajorMinor !== `${line.major}.${line.minor}`;
  switch (status) {
    case 'EolPast':
      return `${EOL_LABELS.EolPast} since ${line.endOfLife}${other ? `, upgrade to ${targetMajorMinor}` : ''}`;
    case 'EolNear':
      return `${EOL_LABELS.EolNear} on ${line.endOfLife}${other ? `, upgrade to ${targetMajorMinor}` : ''}`;
    case 'MajorVersionAvailable':
      return `${EOL_LABELS.MajorVersionAvailable}${other ? `, newest of this major ${targetMajorMinor}` : ''}`;
    case 'EolAllClear':
      return `${EOL_LABELS.EolAllClear}${other ? `, newest ${targetMajorMinor}` : ''}`;
  }
}

/**
 * "Past end of life, upgrade to 9.8.0 (LaunchDarkly)", "Past end of life since 2025-03-01, upgrade
 * to 9.13 (estimate from LaunchDarkly's release dates as of 2026-08-21)" or "2 major versions
 * behind 9.7.1 (estimate)".
 */
export function describeEffectiveHealth(health: EffectiveHealth): string {
  switch (health.source) {
    case 'estimate':
      return `${describeHealth(health.estimate)} (${healthSourceText('estimate')})`;
    case 'releaseDates':
      return `${describeReleaseDateVerdict(health.releaseDates)} (${healthSourceText('releaseDates', health.releaseDates.dataDate)})`;
    case 'launchdarkly': {
      const target =
        health.target && health.key !== 'EolAllClear' ? `, upgrade to ${health.target}` : health.target ? ` (latest ${health.target})` : '';
      return `${EOL_LABELS[health.key]}${target} (${healthSourceText('launchdarkly')})`;
    }
  }
}

/** The health's status in a few words, without whose verdict it is (an export's `health` column). */
export function healthStatusText(health: EffectiveHealth): string {
  switch (health.source) {
    case 'estimate':
      return describeHealth(health.estimate);
    case 'releaseDates':
      return describeReleaseDateVerdict(health.releaseDates);
    case 'launchdarkly':
      return EOL_LABELS[health.key];
  }
}

/** Under the health summary when some health comes from release dates: what they are and how old. */
export function releaseDatesNote(dataDate: string): string {
  return `"Release dates": estimated from LaunchDarkly's SDK release dates as of ${dataDate}, where LaunchDarkly gives no verdict (a minor version reaches end of life a year after the next minor or major release; "near" is within ${NEAR_END_OF_LIFE_DAYS} days).`;
}
