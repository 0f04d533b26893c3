// How the VS Code for the web client (client/src/browser.ts) and the language server in its web worker
// (server/src/browserMain.ts) name files, for both (and for the tests). The worker has no disk: the
// client lists the workspace's files through `vscode.workspace.fs`, then streams their contents; the
// worker asks for the files a check needs first. Those messages are declared in protocol/.
//
// Paths: the engine works on POSIX paths. A document URI `scheme://authority/p/a/t/h` is the engine path
// `/scheme/authority/p/a/t/h` (authority `~` when empty), so every workspace of the web — vscode-vfs,
// vscode-remote, the Web IDE's own scheme — maps to one path space, and back without loss.
import { URI } from 'vscode-uri';

/** The engine path of a URI. */
export function pathOfUri(uri: string | URI): string {
  const u = typeof uri === 'string' ? URI.parse(uri) : uri;
  const p = u.path.startsWith('/') ? u.path : `/${u.path}`;
  return `/${u.scheme}/${u.authority === '' ? '~' : encodeURIComponent(u.authority)}${p === '/' ? '' : p}`;
}

/** The URI of an engine path made by pathOfUri. */
export function uriOfPath(file: string): URI {
  const m = /^\/([^/]+)\/([^/]+)(\/.*)?$/.exec(file);
  if (!m) return URI.from({ scheme: 'untitled', path: file });
  return URI.from({ scheme: m[1]!, authority: m[2] === '~' ? '' : decodeURIComponent(m[2]!), path: m[3] ?? '/' });
}
