// What the server tells the client it does (the answer to initialize).
import { CodeActionKind, TextDocumentSyncKind, type InitializeResult } from 'vscode-languageserver';

/**
 * @param pullDiagnostics the client pulls diagnostics (textDocument/diagnostic)
 * @param fileScheme the URI scheme of the workspace's files, for file-move notifications; null: any
 */
export function serverCapabilities(pullDiagnostics: boolean, fileScheme: string | null): InitializeResult {
  const scheme = fileScheme === null ? {} : { scheme: fileScheme };
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      // `"` `/` include paths and links, `|` and space the term column and shortcode parameters,
      // `#` `(` anchors and links, `<` `%` shortcode names after `{{`.
      completionProvider: { triggerCharacters: ['"', '/', '|', ' ', '#', '(', '<', '%'], resolveProvider: false },
      foldingRangeProvider: true,
      renameProvider: { prepareProvider: true },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentLinkProvider: { resolveProvider: false },
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'handbook', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
      workspace: {
        workspaceFolders: { supported: true, changeNotifications: true },
        fileOperations: {
          willRename: {
            filters: [
              { ...scheme, pattern: { glob: '**/*.{md,markdown}', matches: 'file' } },
              { ...scheme, pattern: { glob: '**', matches: 'folder' } },
            ],
          },
        },
      },
    },
    serverInfo: { name: 'handbook-language-server', version: '0.1.0' },
  };
}
