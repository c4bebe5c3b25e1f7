/**
 * The panel's "Upgrade plan" section: one row per version LaunchDarkly calls past or near end of
 * life or with a new major available, and per Relay Proxy version that is not current. Text only
 * through textContent, and every text (cells, titles, labels) through the host's plain-text rules:
 * one line, no control, bidi or zero-width characters, bounded. A release-notes button sends the
 * row's id, never an address.
 */
import { formatCount } from '../src/model/format';
import { effectiveHealth, type EffectiveHealth, type HealthInputs, type KnownEolStatus, type VersionVerdict } from '../src/model/verdict';
import { PLAN_STATUS_TEXT, planStatusLabel } from '../src/presentation/healthWords';
import { RELAY_PROXY, describeConnections, environmentLabel, planRowName, projectLabel } from '../src/presentation/whereItRuns';
import type { PanelPlan, PanelPlanRow, WebviewMessage } from '../src/protocol';
import { MAX_MESSAGE_CHARS, plainText } from '../src/text';
import type * as ui from './ui';

type Send = (message: WebviewMessage) => void;
type El = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) => HTMLElementTagNameMap[K];

/** Each stream version's verdict, for the summary table and health summary. */
export function verdictLookup(plan: PanelPlan | null): (versionId: string) => Pick<VersionVerdict, 'status' | 'target'> | undefined {
  const byId = new Map((plan?.verdicts ?? []).map((v) => [v.versionId, v]));
  return (versionId) => byId.get(versionId);
}

/** The health a version shows in the panel: LaunchDarkly's verdict when the plan carries one, else the release dates' or the estimate. */
export function panelHealth(plan: PanelPlan | null): (version: HealthInputs & { readonly id: string }) => EffectiveHealth {
  const lookup = verdictLookup(plan);
  return (version) => effectiveHealth(version, lookup(version.id));
}

/** Makes elements through the section's own Document (a DOM implementation's in tests). */
function elementMaker(doc: Document): El {
  return (tag, text, className) => {
    const element = doc.createElement(tag);
    if (text !== undefined) element.textContent = plainText(text, MAX_MESSAGE_CHARS);
    if (className) element.className = className;
    return element;
  };
}

function whereCell(el: El, row: PanelPlanRow): HTMLElement {
  const cell = el('td', undefined, 'where');
  for (const project of row.where.projects) {
    const line = el('div');
    const name = el('span', plainText(projectLabel(project)), 'project');
    if (project.key) name.title = `Project key: ${plainText(project.key)}`;
    line.append(name, ': ');
    project.environments.forEach((environment, i) => {
      const env = el('span', plainText(environmentLabel(environment)), 'environment');
      if (environment.key) env.title = `Environment key: ${plainText(environment.key)}`;
      if (i > 0) line.append(', ');
      line.append(env);
    });
    cell.append(line);
  }
  if (row.where.projects.length === 0) cell.append(el('div', 'Not reported', 'muted'));
  if (row.where.applications.length)
    cell.append(el('div', `Apps: ${row.where.applications.map((app) => plainText(app)).join(', ')}`, 'muted'));
  const connections = row.kind === 'sdk' ? describeConnections(row.where) : undefined;
  if (connections) cell.append(el('div', `Connects ${connections}`, 'muted'));
  return cell;
}

function planTable(el: El, rows: readonly PanelPlanRow[], send: Send, locale: string): HTMLTableElement {
  const table = el('table');
  table.id = 'upgrade-plan-table';
  table.append(
    el(
      'caption',
      "Sorted by severity, then latest connections. Status and target version are LaunchDarkly's, or, where the status says so, estimated from LaunchDarkly's SDK release dates (the target is then a release line); a Relay Proxy row counts the connections of the SDK versions reported behind it.",
    ),
  );
  const head = table.createTHead().insertRow();
  for (const [label, numeric] of [
    ['SDK', false],
    ['Version', false],
    ['Status', false],
    ['Latest', true],
    ['Target', false],
    ['Where it runs', false],
    ['Release notes', false],
  ] as const) {
    const th = el('th', label, numeric ? 'num' : undefined);
    th.scope = 'col';
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    tr.dataset.rowId = row.id;
    tr.dataset.status = row.status;
    tr.dataset.kind = row.kind;
    if (row.versionId) tr.dataset.versionId = row.versionId;
    const sdk = el('th', plainText(planRowName(row)));
    sdk.scope = 'row';
    if (row.kind === 'sdk' && row.versionId === undefined) sdk.append(' ', el('span', 'no stream series', 'tag'));
    tr.dataset.judgedBy = row.judgedBy;
    tr.append(sdk, el('td', plainText(row.version)), el('td', planStatusLabel(row), `plan-status plan-${row.status}`));
    tr.append(el('td', row.latest === undefined ? '—' : formatCount(row.latest, locale), 'num'));
    tr.append(el('td', row.target === undefined ? '—' : plainText(row.target)), whereCell(el, row));
    const notes = el('td');
    if (row.releaseNotes) {
      const open = el('button', 'Release notes', 'link');
      open.type = 'button';
      const target = row.sdk === undefined ? RELAY_PROXY : `${plainText(row.sdk)} ${row.target === undefined ? '' : plainText(row.target)}`;
      open.setAttribute('aria-label', `Release notes for ${target.trim()}`);
      open.addEventListener('click', () => send({ type: 'openReleaseNotes', rowId: row.id }));
      notes.append(open);
    } else {
      notes.textContent = '—';
    }
    tr.append(notes);
  }
  return table;
}

/** Fills the plan section (a <details> the page holds) from the latest plan, or says why there is none. */
export function renderUpgradePlan(
  section: HTMLDetailsElement,
  plan: PanelPlan | null,
  note: string | undefined,
  send: Send,
  locale: string,
  button: typeof ui.button,
): void {
  const el = elementMaker(section.ownerDocument);
  const summary = el('summary');
  const content = el('div', undefined, 'plan-content');
  if (!plan) {
    summary.textContent = note ? 'Upgrade plan: unavailable' : "Upgrade plan: waiting for LaunchDarkly's SDK versions report";
    content.append(el('p', note ?? "The plan appears once LaunchDarkly's end-of-life verdicts have loaded.", 'muted'));
  } else {
    const counts = (Object.keys(PLAN_STATUS_TEXT) as KnownEolStatus[])
      .map((status) => [status, plan.rows.filter((r) => r.status === status).length] as const)
      .filter(([, n]) => n > 0)
      .map(([status, n]) => `${n} ${PLAN_STATUS_TEXT[status as keyof typeof PLAN_STATUS_TEXT]}`);
    summary.textContent = `Upgrade plan${plan.workspaceOnly ? " of this workspace's SDKs" : ''}: ${plan.rows.length} version${plan.rows.length === 1 ? '' : 's'} to upgrade${counts.length ? ` (${counts.join(', ')})` : ''}`;
    const actions = el('div', undefined, 'plan-actions');
    actions.append(
      button({ id: 'copy-upgrade-plan', label: 'Copy upgrade plan', secondary: true, onClick: () => send({ type: 'copyUpgradePlan' }) }),
    );
    actions.append(
      el(
        'span',
        plan.fetchedAt === undefined
          ? "LaunchDarkly's SDK release dates only"
          : `LaunchDarkly's verdicts as of ${new Date(plan.fetchedAt).toLocaleTimeString(locale)}`,
        'muted',
      ),
    );
    content.append(actions);
    // A plan of release dates alone: why LaunchDarkly's own verdicts are missing.
    if (note) content.append(el('p', note, 'muted'));
    content.append(
      plan.rows.length
        ? planTable(el, plan.rows, send, locale)
        : el('p', 'Nothing to upgrade: LaunchDarkly reports no version past or near end of life or with a new major available.'),
    );
  }
  section.replaceChildren(summary, content);
}
