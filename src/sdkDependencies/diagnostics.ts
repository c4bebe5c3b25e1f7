/**
 * Which dependencies the Problems panel lists, and at what level: a warning past end of life,
 * information near end of life or with a new major version available (each as LaunchDarkly or the
 * release dates judge it), under the `workspace.diagnostics` setting. A dependency only another
 * package needs (transitive) gets none: the project cannot upgrade it where it is written. Pure.
 */
import type { DependencyUsage } from './usageMatch';

export type DiagnosticsSetting = 'all' | 'pastEndOfLife' | 'off';

export function isDiagnosticsSetting(value: unknown): value is DiagnosticsSetting {
  return value === 'all' || value === 'pastEndOfLife' || value === 'off';
}

export function diagnosticLevel(
  usage: Pick<DependencyUsage, 'dependency' | 'verdict'>,
  setting: DiagnosticsSetting,
): 'warning' | 'information' | undefined {
  const { verdict } = usage;
  if (setting === 'off' || verdict.kind === 'notJudged' || usage.dependency.relation === 'transitive') return undefined;
  switch (verdict.status) {
    case 'EolPast':
      return 'warning';
    case 'EolNear':
    case 'MajorVersionAvailable':
      return setting === 'all' ? 'information' : undefined;
    case 'EolAllClear':
      return undefined;
  }
}
