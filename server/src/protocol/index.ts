// The handbook's own requests and notifications, beyond LSP: each one's method name, parameters and
// result, declared once here for the server (Node and web worker), the VS Code client (desktop and web)
// and the tests. Both sides pass these objects (never the method strings) to sendRequest, onRequest,
// sendNotification and onNotification, so a name or a shape cannot drift between them.
//
// This module is the wire contract and nothing else: it imports no part of the engine (features, index,
// site, parse), only the JSON-RPC message types and LSP's data types, so any layer may import it.
import { NotificationType, NotificationType0, RequestType, RequestType0 } from 'vscode-jsonrpc';
import type { Diagnostic } from 'vscode-languageserver-types';

// ---------------------------------------------------------------------------------------------------
// Status and statistics

/** server -> client: the sites found and whether indexing runs (the VS Code status item shows it). */
export interface IndexStatus {
  sites: { root: string; pages: number; includes: number }[];
  indexing: boolean;
}
export const StatusNotification = new NotificationType<IndexStatus>('handbook/status');

export interface StatsParams {
  /** A server started with node --expose-gc runs a full collection first: heapUsed is what is live. */
  collect?: boolean;
}
export interface Stats {
  /** process.memoryUsage() (undefined in a web worker). */
  memory: { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number } | undefined;
  /** Whether a full collection ran first. */
  collected: boolean;
  openDocuments: number;
  indexedFiles: number;
  /** The second pass (outlines, links, term tables of every page) is done. */
  indexed: boolean;
  /**
   * How many times the index has taken in an open document's new text: edits that queue up before the
   * server gets to them are taken in once, as the newest text.
   */
  documentUpdates: number;
}
/** client -> server: memory and sizes, for soak tests and for a user who wonders what the server holds. */
export const StatsRequest = new RequestType<StatsParams | null | undefined, Stats, void>('handbook/stats');

// ---------------------------------------------------------------------------------------------------
// Check Whole Site

/** The answer to a whole-site check: every file's diagnostics (severity settings applied). */
export interface CheckSiteResult {
  cancelled: boolean;
  filesChecked: number;
  files: { uri: string; diagnostics: Diagnostic[] }[];
}
/** client -> server: the editor's "Check Whole Site" command; cancellable, with progress. No params. */
export const CheckSiteRequest = new RequestType0<CheckSiteResult, void>('handbook/checkSite');

// ---------------------------------------------------------------------------------------------------
// Markdown preview

export interface PreviewContextParams {
  /** The page (a file URI). */
  uri: string;
  /** Include paths the preview met that the answer must cover (besides the page's own). */
  includes?: string[];
  /** Link destinations the preview met (besides the page's own and its includes'). */
  links?: string[];
}

export interface PreviewInclude {
  /** The included file (a URI), when the path resolves. */
  file?: string;
  /** Its path relative to the site root, as the diagnostics name files (assets/includes/x.md). */
  name?: string;
  /** Its text, read as Hugo's include reads it (raw, no front matter). */
  text?: string;
  /** Why it cannot be drawn: the diagnostic's code and message. */
  error?: { code: string; message: string };
}

export interface PreviewLink {
  /** The page or file it reaches (a URI). */
  file?: string;
  fragment?: string;
  /** Its path relative to the site root, for a tooltip. */
  name?: string;
  /** It reaches nothing in the site. */
  missing?: boolean;
}

export interface PreviewContext {
  /** The page's path relative to the site root (the start of an include-cycle message). */
  page: string | undefined;
  /** The site sets `enableEmoji`: `:name:` in a heading is an emoji, not part of its id. */
  emoji?: boolean;
  includes: Record<string, PreviewInclude>;
  links: Record<string, PreviewLink>;
  /** termKey(term) -> the term as defined and its definition as plain text. */
  terms: Record<string, { term: string; definition: string }>;
  /** Files (URIs) whose change changes this answer: included files and term sources. */
  dependsOn: string[];
}

/** client -> server: what the Markdown preview draws a page with (includes, links, terms). */
export const PreviewContextRequest = new RequestType<PreviewContextParams, PreviewContext, void>('handbook/previewContext');

// ---------------------------------------------------------------------------------------------------
// The web client's file feed (client/src/browser.ts <-> server/src/browserMain.ts). The worker has no
// disk: the client lists the workspace's files, then streams their contents; the worker asks for the
// files a check needs first. How a URI becomes an engine path is in server/src/webProtocol.ts.

export interface ListFilesParams {
  /** onDemand: not streamed (anything but Markdown); read when the worker asks for it. */
  files: { uri: string; size: number; mtimeMs: number; onDemand?: boolean }[];
}
/** client -> worker: the files of the workspace folders (no contents). Sent again after a restart. */
export const ListFilesNotification = new NotificationType<ListFilesParams>('handbook/web/listFiles');

export interface FileContentsParams {
  files: { uri: string; text: string | null; size?: number }[];
  /** Why they come: the first read of listed files, or a change the editor saw. */
  kind: 'read' | 'created' | 'changed';
}
/** client -> worker: contents that arrived (text null: the file could not be read, or was skipped). */
export const FileContentsNotification = new NotificationType<FileContentsParams>('handbook/web/fileContents');

export interface FilesDeletedParams {
  uris: string[];
}
/** client -> worker: files that went. */
export const FilesDeletedNotification = new NotificationType<FilesDeletedParams>('handbook/web/filesDeleted');

export interface WantFilesParams {
  uris: string[];
}
/** worker -> client: read these first (a check of an open page, or the site's set-up, needs them). */
export const WantFilesNotification = new NotificationType<WantFilesParams>('handbook/web/wantFiles');

/** worker -> client: the files it needs first are asked for; stream the rest of the listed files now. */
export const ReadAllNotification = new NotificationType0('handbook/web/readAll');
