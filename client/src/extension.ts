// The VS Code client: starts the bundled language server and wires a status item and commands.
// Every feature lives in the server; this file only connects VS Code to it. It is shared by the two
// hosts: desktop VS Code (client/src/node.ts: the server in a Node process) and VS Code for the web
// (client/src/browser.ts: the server in a web worker), so it imports nothing of Node.
import * as vscode from 'vscode';
import {
  type BaseLanguageClient,
  CloseAction,
  type CloseHandlerResult,
  type Diagnostic as LspDiagnostic,
  type DocumentSelector,
  ErrorAction,
  type ErrorHandler,
  type LanguageClientOptions,
  State,
} from 'vscode-languageclient';
import { siteCheckSummary } from './summary';
// The Markdown preview's plugin is loaded when the preview first asks for it (see the end of
// activateWith), not at activation: the editor never waits for it.
import type * as Preview from './preview/vscodePreview';
import type { MarkdownIt } from './preview/markdownIt';

/** What differs between the desktop and the web client. */
export interface ClientHost {
  /** The language client, over the host's transport. */
  createClient(options: LanguageClientOptions): BaseLanguageClient;
  /** The documents the server checks. */
  documentSelector: DocumentSelector;
  /** Watches the workspace's files for the server (the desktop); the web client feeds them itself. */
  fileEvents?: vscode.FileSystemWatcher;
  /** The URI of a path the server names (a site root). */
  uriOf(file: string): vscode.Uri;
  /** After the client has started (and after each restart). */
  started?(client: BaseLanguageClient): void;
}

/** VS Code's built-in Markdown extension. */
const BUILT_IN_MARKDOWN = 'vscode.markdown-language-features';

/** The last segment of a path the server names. */
const basename = (file: string): string => file.replace(/\/+$/, '').split(/[\\/]/).pop() ?? file;

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

let client: BaseLanguageClient | undefined;

/** What activate returns: the Markdown preview's plugin (contributes.markdown.markdownItPlugins). */
export interface HandbookExports {
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

/** Settles once the client has started (or failed to), so a command run during start waits for it. */
let starting: Promise<void> = Promise.resolve();

export function activateWith(context: vscode.ExtensionContext, host: ClientHost): HandbookExports {
  const activated = Date.now();
  const output = vscode.window.createOutputChannel('Hugo Handbook', { log: true });
  // VS Code's own Markdown support (when it is there and enabled) draws the Outline and breadcrumbs of a
  // page from its headings. A second provider would make VS Code show two groups, "Markdown Language
  // Features" and ours, so the extension provides no document symbols then: the Outline is one list,
  // VS Code's, as for any Markdown file. Without it (disabled, or a host that lacks it) the server's
  // outline is the whole one: the page's headings, included headings and titled shortcodes.
  const editorListsHeadings = vscode.extensions.getExtension(BUILT_IN_MARKDOWN) !== undefined;
  const clientOptions: LanguageClientOptions = {
    documentSelector: host.documentSelector,
    synchronize: {
      configurationSection: 'handbook',
      fileEvents: host.fileEvents,
    },
    outputChannel: output,
    // Include paths open with go to definition (ctrl+click), computed on the text as it is now: VS Code
    // asks for document links again only a second or more after typing, so an include link would still
    // offer "Open the included file" on a path just broken.
    initializationOptions: { editorListsHeadings, includeLinks: false },
    middleware: editorListsHeadings ? { provideDocumentSymbols: () => [] } : {},
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
  client = host.createClient(clientOptions);
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
      // What the Node client's restart() does, for either host's client.
      await client?.stop();
      await client?.start();
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
        const root = host.uriOf(s.root);
        const relative = vscode.workspace.asRelativePath(root, true);
        return { label: relative === s.root || relative === root.toString() ? basename(s.root) : relative, description: `${s.pages} pages, ${s.includes} include files`, root };
      });
      if (items.length === 0) {
        void vscode.window.showInformationMessage('No Hugo site found in this workspace.');
        return;
      }
      const pick = await vscode.window.showQuickPick(items, { placeHolder: 'Hugo sites in this workspace' });
      if (pick) await vscode.commands.executeCommand('revealInExplorer', pick.root);
    }),
    client.onDidChangeState((e) => {
      if (e.newState === State.Running && client) host.started?.(client);
      if (e.newState === State.Stopped) {
        status.text = '$(error) Handbook: stopped';
        status.tooltip = 'The handbook language server stopped. Run "Handbook: Restart Server".';
      }
    }),
  );

  context.subscriptions.push(
    client.onNotification('handbook/status', (s: IndexStatus) => {
      lastStatus = s;
      const pages = s.sites.reduce((n, site) => n + site.pages, 0);
      if (s.indexing) {
        status.text = '$(sync~spin) Handbook: indexing';
      } else if (s.sites.length === 0) {
        status.text = '$(book) Handbook: no site';
      } else {
        status.text = `$(book) Handbook: ${s.sites.length === 1 ? basename(s.sites[0]!.root) : `${s.sites.length} sites`}`;
      }
      status.tooltip = `${s.sites.length} Hugo site(s), ${pages} pages indexed. Click to list them.`;
    }),
  );
  // Activation returns at once and the server starts behind it, as VS Code asks of an extension: nothing
  // else in the extension host waits for the server's process to start and answer `initialize`. The
  // status item and the handlers above are in place already; the client queues what VS Code asks until then.
  const started = client;
  starting = started.start().then(
    () => output.info(`Language server started ${Date.now() - activated} ms after activation.`),
    (err: unknown) => output.error(`The language server did not start: ${err instanceof Error ? err.message : String(err)}`),
  );
  // The Markdown preview's plugin: client/src/preview, loaded on the preview's first use.
  let preview: ReturnType<typeof Preview.previewExports> | undefined;
  return {
    extendMarkdownIt(md) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      preview ??= (require('./preview/vscodePreview') as typeof Preview).previewExports(context, started);
      return preview.extendMarkdownIt(md);
    },
  };
}

/**
 * "Handbook: Check Whole Site": asks the server for every file's diagnostics (the client shows the
 * server's cancellable progress) and shows those of the files not open in an editor.
 */
async function checkSite(wholeSite: vscode.DiagnosticCollection): Promise<void> {
  if (client?.state === State.Starting) await starting;
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
  const counts = [0, 0, 0, 0]; // by vscode.DiagnosticSeverity: errors, warnings, information, hints
  for (const file of result.files) {
    const uri = client.protocol2CodeConverter.asUri(file.uri);
    const diagnostics = await client.protocol2CodeConverter.asDiagnostics(file.diagnostics);
    for (const d of diagnostics) counts[d.severity]!++;
    if (!openInEditor.has(uri.toString())) wholeSite.set(uri, diagnostics);
  }
  const [errors, warnings, information, hints] = counts as [number, number, number, number];
  const summary = siteCheckSummary({ errors, warnings, information, hints, files: result.files.length, checked: result.filesChecked, cancelled: result.cancelled });
  if (result.cancelled) void vscode.window.showWarningMessage(summary);
  else void vscode.window.showInformationMessage(summary);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
