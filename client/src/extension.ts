// The VS Code client: starts the bundled language server and wires a status item and commands.
// Every feature lives in the server; this file only connects VS Code to it.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';

interface IndexStatus {
  sites: { root: string; pages: number; includes: number }[];
  indexing: boolean;
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
    // The server restarts after a crash; the client tells the user instead of going silent.
    initializationFailedHandler: (error) => {
      void vscode.window.showErrorMessage(`Hugo Handbook language server failed to start: ${String(error)}`);
      return false;
    },
  };
  client = new LanguageClient('handbook', 'Hugo Handbook', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  status.name = 'Hugo Handbook';
  status.text = '$(book) Handbook: starting';
  status.command = 'handbook.showSites';
  status.show();
  let lastStatus: IndexStatus = { sites: [], indexing: true };

  context.subscriptions.push(
    status,
    output,
    vscode.commands.registerCommand('handbook.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('handbook.restartServer', async () => {
      await client?.restart();
    }),
    vscode.commands.registerCommand('handbook.showSites', async () => {
      const items = lastStatus.sites.map((s) => ({
        label: vscode.workspace.asRelativePath(s.root, true) || s.root,
        description: `${s.pages} pages, ${s.includes} include files`,
        root: s.root,
      }));
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

export async function deactivate(): Promise<void> {
  await client?.stop();
}
