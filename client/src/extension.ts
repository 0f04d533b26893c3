// The VS Code client: starts the bundled language server and wires a status item and commands.
// Every feature lives in the server; this file only connects VS Code to it.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  type CloseHandlerResult,
  type Diagnostic as LspDiagnostic,
  ErrorAction,
  type ErrorHandler,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import { siteCheckSummary } from './summary';

interface IndexStatus {
  sites: { root: string; pages: number; includes: number }[];
  indexing: boolean;
}

/** The answer to the server's `handbook/checkSite` request. */
interface CheckSiteResult {
  cancelled: boolean;
  filesChecked: number;
  files: { uri: string; diagnostics: LspDiagnostic[] }[];
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const output = vscode.window.createOutputChannel('Hugo Handbook', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'markdown' }],
    synchronize: {
      configurationSection: 'handbook',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{md,markdown,html,yaml,yml,toml,json}'),
    },
    outputChannel: output,
    // VS Code's own Markdown support lists the page's headings in the Outline and breadcrumbs; the
    // server then adds only what it cannot know (included headings, titled shortcodes), so each shows once.
    // Include paths open with go to definition (ctrl+click), computed on the text as it is now: VS Code
    // asks for document links again only a second or more after typing, so an include link would still
    // offer "Open the included file" on a path just broken.
    initializationOptions: { editorListsHeadings: true, includeLinks: false },
    // The edited page is pulled on each change (and save); the server asks for the other open pages
    // again only when the change reaches them (a heading, URL or alias they link to).
    diagnosticPullOptions: { onChange: true, onSave: true },
    // After a crash the client restarts the server (the library's default: up to 4 times in 3 minutes)
    // and says so, instead of going silent.
    errorHandler: {
      // A write to a server that has just died (EPIPE) comes without a count, and the library's default
      // would shut the client down while the close below restarts it; the close decides instead.
      error: (error, message, count) =>
        count === undefined ? { action: ErrorAction.Continue, handled: true } : defaultErrorHandler.error(error, message, count),
      closed: async (): Promise<CloseHandlerResult> => {
        const result = await defaultErrorHandler.closed();
        if (result.action === CloseAction.Restart) {
          void vscode.window.showWarningMessage('The Hugo Handbook language server stopped unexpectedly and was restarted.', 'Show Output').then((pick) => {
            if (pick) output.show(true);
          });
          return { ...result, handled: true };
        }
        return result; // DoNotRestart: the client shows its own error message.
      },
    },
    initializationFailedHandler: (error) => {
      void vscode.window.showErrorMessage(`Hugo Handbook language server failed to start: ${String(error)}`);
      return false;
    },
  };
  client = new LanguageClient('handbook', 'Hugo Handbook', serverOptions, clientOptions);
  const defaultErrorHandler: ErrorHandler = client.createDefaultErrorHandler();

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  status.name = 'Hugo Handbook';
  status.text = '$(book) Handbook: starting';
  status.command = 'handbook.showSites';
  status.show();
  let lastStatus: IndexStatus = { sites: [], indexing: true };
  const wholeSite = vscode.languages.createDiagnosticCollection('handbook (whole site)');

  context.subscriptions.push(
    status,
    output,
    vscode.commands.registerCommand('handbook.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('handbook.restartServer', async () => {
      await client?.restart();
    }),
    wholeSite,
    // A file opened in an editor gets pulled diagnostics; drop its whole-site copy so none is shown twice.
    vscode.window.tabGroups.onDidChangeTabs((e) => {
      for (const tab of e.opened) if (tab.input instanceof vscode.TabInputText) wholeSite.delete(tab.input.uri);
    }),
    vscode.commands.registerCommand('handbook.checkSite', () => checkSite(wholeSite)),
    vscode.commands.registerCommand('handbook.showSites', async () => {
      const items = lastStatus.sites.map((s) => {
        // A site at a workspace folder's root is named after the folder, one further down by its path.
        const relative = vscode.workspace.asRelativePath(s.root, true);
        return { label: relative === s.root ? path.basename(s.root) : relative, description: `${s.pages} pages, ${s.includes} include files`, root: s.root };
      });
      if (items.length === 0) {
        void vscode.window.showInformationMessage('No Hugo site found in this workspace.');
        return;
      }
      const pick = await vscode.window.showQuickPick(items, { placeHolder: 'Hugo sites in this workspace' });
      if (pick) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(pick.root));
    }),
    client.onDidChangeState((e) => {
      if (e.newState === State.Stopped) {
        status.text = '$(error) Handbook: stopped';
        status.tooltip = 'The handbook language server stopped. Run "Handbook: Restart Server".';
      }
    }),
  );

  await client.start();
  context.subscriptions.push(
    client.onNotification('handbook/status', (s: IndexStatus) => {
      lastStatus = s;
      const pages = s.sites.reduce((n, site) => n + site.pages, 0);
      if (s.indexing) {
        status.text = '$(sync~spin) Handbook: indexing';
      } else if (s.sites.length === 0) {
        status.text = '$(book) Handbook: no site';
      } else {
        status.text = `$(book) Handbook: ${s.sites.length === 1 ? path.basename(s.sites[0]!.root) : `${s.sites.length} sites`}`;
      }
      status.tooltip = `${s.sites.length} Hugo site(s), ${pages} pages indexed. Click to list them.`;
    }),
  );
}

/**
 * "Handbook: Check Whole Site": asks the server for every file's diagnostics (the client shows the
 * server's cancellable progress) and shows those of the files not open in an editor.
 */
async function checkSite(wholeSite: vscode.DiagnosticCollection): Promise<void> {
  if (!client || client.state !== State.Running) {
    void vscode.window.showErrorMessage('The Hugo Handbook language server is not running. Run "Handbook: Restart Server".');
    return;
  }
  wholeSite.clear();
  let result: CheckSiteResult;
  try {
    result = await client.sendRequest<CheckSiteResult>('handbook/checkSite');
  } catch (err) {
    void vscode.window.showErrorMessage(`Handbook: the whole-site check failed: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  const openInEditor = new Set<string>();
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) if (tab.input instanceof vscode.TabInputText) openInEditor.add(tab.input.uri.toString());
  }
  const counts = [0, 0, 0]; // errors, warnings, other
  for (const file of result.files) {
    const uri = client.protocol2CodeConverter.asUri(file.uri);
    const diagnostics = await client.protocol2CodeConverter.asDiagnostics(file.diagnostics);
    for (const d of diagnostics) counts[Math.min(d.severity, 2)]!++;
    if (!openInEditor.has(uri.toString())) wholeSite.set(uri, diagnostics);
  }
  const summary = siteCheckSummary({ errors: counts[0]!, warnings: counts[1]!, infos: counts[2]!, files: result.files.length, checked: result.filesChecked, cancelled: result.cancelled });
  if (result.cancelled) void vscode.window.showWarningMessage(summary);
  else void vscode.window.showInformationMessage(summary);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
