// The handover between the VS Code for the web client (client/src/browser.ts) and the language server
// in its web worker (server/src/browserMain.ts), declared once for both (and for the tests). The worker
// has no disk: the client lists the workspace's files through `vscode.workspace.fs`, then streams their
// contents; the worker asks for the files a check needs first.
//
// Paths: the engine works on POSIX paths. A document URI `scheme://authority/p/a/t/h` is the engine path
// `/scheme/authority/p/a/t/h` (authority `~` when empty), so every workspace of the web — vscode-vfs,
// vscode-remote, the Web IDE's own scheme — maps to one path space, and back without loss.
import { URI } from 'vscode-uri';

/** client -> worker: the files of the workspace folders (no contents). Sent again after a restart. */
export const LIST_FILES = 'handbook/web/listFiles';
export interface ListFilesParams {
  /** onDemand: not streamed (anything but Markdown); read when the worker asks for it. */
  files: { uri: string; size: number; mtimeMs: number; onDemand?: boolean }[];
}

/** client -> worker: contents that arrived (text null: the file could not be read, or was skipped). */
export const FILE_CONTENTS = 'handbook/web/fileContents';
export interface FileContentsParams {
  files: { uri: string; text: string | null; size?: number }[];
  /** Why they come: the first read of listed files, or a change the editor saw. */
  kind: 'read' | 'created' | 'changed';
}

/** client -> worker: files that went. */
export const FILES_DELETED = 'handbook/web/filesDeleted';
export interface FilesDeletedParams {
  uris: string[];
}

/** worker -> client: read these first (a check of an open page, or the site's set-up, needs them). */
export const WANT_FILES = 'handbook/web/wantFiles';
export interface WantFilesParams {
  uris: string[];
}

/** worker -> client: the files it needs first are asked for; stream the rest of the listed files now. */
export const READ_ALL = 'handbook/web/readAll';

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
