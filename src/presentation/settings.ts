/** What the settings checks' reasons say (src/settingsCheck.ts finds them), naming the setting. */
import { SETTINGS } from '../contributions';
import { DEFAULT_BASE_URL, type BaseUrlProblem } from '../settingsCheck';

export function describeBaseUrlProblem(problem: BaseUrlProblem): string {
  const setting = SETTINGS.baseUrl;
  switch (problem.kind) {
    case 'notUrl':
      return `${setting} "${problem.text}" is not a URL. Use ${DEFAULT_BASE_URL} (or your instance's host).`;
    case 'credentials':
      return `${setting} must not contain a user name or password.`;
    case 'plainHttp':
      return `${setting} must use https (plain http is allowed only for 127.0.0.1 or localhost): ${problem.origin}`;
    case 'scheme':
      return `${setting} must be an https URL, not ${problem.protocol}`;
    case 'queryOrFragment':
      return `${setting} must not contain a query or fragment.`;
  }
}
