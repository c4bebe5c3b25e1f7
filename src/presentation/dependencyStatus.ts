/**
 * The "This Workspace" view's status rows: its own module, because the activation bundle shows the
 * first of them before the view's bundle has loaded, and should carry no more of the words. Pure.
 */

/** The view's status rows and messages. */
export const DEPENDENCY_STATUS_TEXT = {
  noFolder: 'Open a folder to see the LaunchDarkly SDKs it uses.',
  scanning: 'Looking for LaunchDarkly SDKs in manifests and lockfiles…',
  noneFound: 'No LaunchDarkly SDK found in this workspace: no manifest or lockfile names one.',
  notLoaded: 'Connections and LaunchDarkly verdicts appear once usage data has loaded; verdicts come from release dates until then.',
  readerFailed: 'The workspace could not be scanned; the log has the details.',
  catalogueFailed: 'The SDK catalogue could not be read, so dependencies cannot be matched to usage; the log has the details.',
} as const;
