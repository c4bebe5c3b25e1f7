/**
 * The dependency where the developer is: diagnostics in the Problems panel (also for files that are
 * not open), a hover on the dependency's line, a CodeLens above it (behind a setting, off by
 * default) and a quick fix that copies its upgrade checklist. All of them read DependencyLinks.
 */
import * as vscode from 'vscode';
import { readDependencySettings } from '../config';
import { COMMANDS, DIAGNOSTICS_COLLECTION, SETTINGS } from '../contributions';
import type { LoadedQuery } from '../model/query';
import { HOVER_COMMANDS, dependencyHoverMarkdown } from '../presentation/dependencyMarkdown';
import { DIAGNOSTIC_SOURCE, codeLensTitle, copyChecklistTitle, diagnosticMessage } from '../presentation/dependencyWords';
import { diagnosticLevel } from '../sdkDependencies/diagnostics';
import type { DependencyLinks, LinkedDependency } from './dependencyLinks';

/** The dependencies on lines `first` to `last` of a document, each once. */
function onLines(links: DependencyLinks, document: vscode.TextDocument, first: number, last = first): LinkedDependency[] {
  return links.inFile(document.uri).filter((l) => l.range.start.line <= last && first <= l.range.end.line);
}

/** Publishes one diagnostic per dependency worth upgrading, on its line; all of them again on every change. */
export function registerDiagnostics(links: DependencyLinks): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection(DIAGNOSTICS_COLLECTION);
  const locale = vscode.env.language;
  const publish = () => {
    const setting = readDependencySettings().diagnostics;
    const byFile = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    for (const linked of links.all()) {
      const level = diagnosticLevel(linked.usage, setting);
      if (!level) continue;
      const diagnostic = new vscode.Diagnostic(
        linked.range,
        diagnosticMessage(linked.usage, locale),
        level === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information,
      );
      diagnostic.source = DIAGNOSTIC_SOURCE;
      const key = linked.uri.toString();
      const file = byFile.get(key);
      if (file) file.diagnostics.push(diagnostic);
      else byFile.set(key, { uri: linked.uri, diagnostics: [diagnostic] });
    }
    collection.clear();
    for (const { uri, diagnostics } of byFile.values()) collection.set(uri, diagnostics);
  };
  publish();
  return vscode.Disposable.from(
    collection,
    links.onDidChange(publish),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SETTINGS.workspaceDiagnostics)) publish();
    }),
  );
}

/** Hover, CodeLens and quick fix on the reader's files (the selector is its file-name glob). */
export function registerEditorFeatures(
  links: DependencyLinks,
  fileGlob: string,
  loaded: () => Pick<LoadedQuery, 'source' | 'preset' | 'from' | 'to'> | undefined,
): vscode.Disposable {
  const selector: vscode.DocumentSelector = { pattern: fileGlob };
  const locale = vscode.env.language;
  const lensesChanged = new vscode.EventEmitter<void>();

  const hover: vscode.HoverProvider = {
    provideHover(document, position) {
      const [linked] = onLines(links, document, position.line);
      if (!linked) return undefined;
      const markdown = new vscode.MarkdownString(
        dependencyHoverMarkdown(linked.usage, { dependencyId: linked.id, loaded: loaded(), locale }),
        false,
      );
      // Command links run only the extension's own commands; every data-derived text is escaped.
      markdown.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
      markdown.supportHtml = false;
      return new vscode.Hover(markdown, linked.range);
    },
  };

  const lenses: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: lensesChanged.event,
    provideCodeLenses(document) {
      if (!readDependencySettings().codeLens) return [];
      return links.inFile(document.uri).map((linked) => {
        const { chartVersionId } = linked.usage;
        return new vscode.CodeLens(
          new vscode.Range(linked.range.start, linked.range.start),
          chartVersionId === undefined
            ? { title: codeLensTitle(linked.usage, locale), command: COMMANDS.copyDependencyChecklist, arguments: [linked.id] }
            : { title: codeLensTitle(linked.usage, locale), command: COMMANDS.showChart, arguments: [chartVersionId] },
        );
      });
    },
  };

  const quickFixes: vscode.CodeActionProvider = {
    provideCodeActions(document, range, context) {
      const actions: vscode.CodeAction[] = [];
      for (const linked of onLines(links, document, range.start.line, range.end.line)) {
        const title = copyChecklistTitle(linked.usage);
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.command = { command: COMMANDS.copyDependencyChecklist, title, arguments: [linked.id] };
        action.diagnostics = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && d.range.intersection(linked.range));
        actions.push(action);
      }
      return actions;
    },
  };

  return vscode.Disposable.from(
    lensesChanged,
    vscode.languages.registerHoverProvider(selector, hover),
    vscode.languages.registerCodeLensProvider(selector, lenses),
    vscode.languages.registerCodeActionsProvider(selector, quickFixes, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    links.onDidChange(() => lensesChanged.fire()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SETTINGS.workspaceCodeLens)) lensesChanged.fire();
    }),
  );
}
