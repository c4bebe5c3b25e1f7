/**
 * The words for a version's health: LaunchDarkly's end-of-life verdicts and the estimate against
 * the newest version seen, each saying whose verdict it is. Pure; the tree, the panel, the exports
 * and the Markdown documents all take them from here.
 */
import type { VersionHealth } from '../model/health';
import type { PlanStatus } from '../model/upgradePlan';
import type { EffectiveHealth, KnownEolStatus } from '../model/verdict';

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

export function describeHealth(health: VersionHealth): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  switch (health.status) {
    case 'current':
      return `Current (newest seen: ${health.newest})`;
    case 'minorBehind':
      return `${plural(health.behind, 'minor version')} behind ${health.newest}`;
    case 'majorBehind':
      return `${plural(health.behind, 'major version')} behind ${health.newest}`;
    case 'unknown':
      return 'Version not comparable (not a semantic version)';
  }
}

/** "Past end of life, upgrade to 9.8.0 (LaunchDarkly)" or "2 major versions behind 9.7.1 (estimate)". */
export function describeEffectiveHealth(health: EffectiveHealth): string {
  if (health.source === 'estimate') {
    return `${describeHealth(health.estimate)} (estimate)`;
  }
  const label = EOL_LABELS[health.key as KnownEolStatus];
  const target =
    health.target && health.key !== 'EolAllClear' ? `, upgrade to ${health.target}` : health.target ? ` (latest ${health.target})` : '';
  return `${label}${target} (LaunchDarkly)`;
}
