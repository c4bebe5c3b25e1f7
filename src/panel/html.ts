/** The chart panel's HTML: local bundle and stylesheet only, strict CSP, a fresh nonce per render. */
import { randomBytes } from 'node:crypto';

export interface PanelHtmlParts {
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
}

export function createNonce(): string {
  return randomBytes(18).toString('base64');
}

export function panelHtml(parts: PanelHtmlParts, nonce: string = createNonce()): string {
  const csp = [
    "default-src 'none'",
    `img-src ${parts.cspSource} data:`,
    // The UI toolkit (FAST) probes :focus-visible with a <style> element carrying the csp-nonce meta's nonce.
    `style-src ${parts.cspSource} 'nonce-${nonce}'`,
    `font-src ${parts.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta property="csp-nonce" content="${nonce}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${parts.styleUri}">
  <title>LaunchDarkly SDK Connections</title>
</head>
<body>
  <main id="app" aria-busy="true">
    <header>
      <h1 id="title">SDK connections</h1>
      <p id="subtitle"></p>
    </header>
    <div id="announcer" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"></div>
    <div id="controls" role="group" aria-label="Chart controls"></div>
    <div id="banner" hidden></div>
    <section id="health-summary" aria-label="Version health summary"></section>
    <details id="upgrade-plan" aria-label="Upgrade plan"></details>
    <section id="progress" aria-label="Progress by status" hidden></section>
    <div id="chart-view">
      <div id="chart-box"><canvas id="chart" role="img" aria-label="Line chart of streaming connections by SDK version"></canvas></div>
    </div>
    <div id="table-view" role="region" aria-label="Chart data table" tabindex="0" hidden></div>
    <section id="summary-view" aria-label="Summary by version"></section>
  </main>
  <script nonce="${nonce}" src="${parts.scriptUri}"></script>
</body>
</html>`;
}
