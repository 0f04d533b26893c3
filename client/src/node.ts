// The desktop entry of the extension (dist/client.js): the language server runs in a Node process
// (dist/server.js) over IPC, and reads the workspace from the disk itself.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateWith } from './extension';

export { deactivate } from './extension';

export async function activate(context: vscode.ExtensionContext): Promise<ReturnType<typeof activateWith>> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  return activateWith(context, {
    createClient: (options) => new LanguageClient('handbook', 'Hugo Handbook', serverOptions, options),
    documentSelector: [{ scheme: 'file', language: 'markdown' }],
    fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{md,markdown,html,yaml,yml,toml,json}'),
    uriOf: (file) => vscode.Uri.file(file),
  });
}
