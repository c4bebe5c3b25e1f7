/**
 * The status bar item's words: connections on versions past end of life (latest bucket), and in
 * its tooltip the connections and versions of every health group and whose verdicts they are.
 * Pure; src/statusBar.ts shows them.
 */
import { formatCount, formatPercent } from '../model/format';
import { HEALTH_GROUPS, type GroupCount, type HealthGroup } from '../model/healthGroups';
import { HEALTH_GROUP_LABELS, HEALTH_GROUP_MARKS } from './labels';
import { countOf } from './counts';

/** The item's name in the status bar's own menu (where it can be hidden too). */
export const STATUS_BAR_NAME = 'LaunchDarkly SDK Usage: past end of life';

export interface StatusBarContent {
  /** With a codicon: a warning while any connection runs past end of life, a check otherwise. */
  readonly text: string;
  readonly tooltip: string;
  /** What a screen reader says for the item. */
  readonly accessibilityLabel: string;
  /** Whether any connection runs past end of life (the item then takes the theme's warning colours). */
  readonly warning: boolean;
}

/**
 * `judged`: LaunchDarkly's verdicts are joined to the data (else every health is the estimate,
 * which never says end of life).
 */
export function statusBarContent(counts: Readonly<Record<HealthGroup, GroupCount>>, judged: boolean, locale = 'en-US'): StatusBarContent {
  const past = counts.pastEol;
  const total = HEALTH_GROUPS.reduce((sum, group) => sum + counts[group].connections, 0);
  const lines = ['LaunchDarkly SDK connections by status (latest bucket):'];
  for (const group of HEALTH_GROUPS) {
    const { connections, versions } = counts[group];
    if (versions === 0) continue;
    lines.push(
      `${HEALTH_GROUP_MARKS[group]} ${HEALTH_GROUP_LABELS[group]}: ${countOf(connections, 'connection', locale)} (${formatPercent(total ? connections / total : 0)}), ${countOf(versions, 'version', locale)}`,
    );
  }
  lines.push(
    judged
      ? "Health: LaunchDarkly's end-of-life verdicts, else estimated from the newest version seen."
      : "Health estimated from the newest version seen: LaunchDarkly's end-of-life verdicts are not loaded.",
    'Select to open the upgrade plan.',
  );
  const count = formatCount(past.connections, locale);
  return {
    text: `${past.connections > 0 ? '$(warning)' : '$(pass)'} ${count} past end of life`,
    tooltip: lines.join('\n'),
    accessibilityLabel: `${countOf(past.connections, 'connection', locale)} on ${countOf(past.versions, 'SDK version', locale)} past end of life. Select to open the upgrade plan.`,
    warning: past.connections > 0,
  };
}
