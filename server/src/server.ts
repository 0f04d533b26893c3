// The language server: capabilities and one short handler per LSP method, each calling a feature of
// the engine. Offsets become LSP positions here and nowhere else.
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  InsertTextFormat,
  MarkupKind,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  CancellationToken,
  type ClientCapabilities,
  type CodeAction,
  type CompletionItem,
  type DocumentSymbol,
  SymbolKind,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type Range,
  type WorkspaceEdit,
  type ConnectionOptions,
  ErrorCodes,
  LSPErrorCodes,
  Message,
  ResponseError,
  type RequestMessage,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { complete } from './features/completion';
import { hover } from './features/hover';
import { definition, documentLinks, references } from './features/navigation';
import { editorFixes } from './features/codeActions';
import { termRename, termRenameRange } from './features/terms';
import { documentSymbols, workspaceSymbols, type SymbolEntry } from './features/links';
import { editsForMoves, headingRename, headingRenameRange } from './features/refactors';
import { shortcodeFolds, shortcodeSymbols } from './features/shortcodes';
import { previewContext } from './features/preview';
import { CheckSiteRequest, PreviewContextRequest, StatsRequest, StatusNotification, type CheckSiteResult, type PreviewContextParams } from './protocol';
import type { Edit, Problem, ProblemData, Severity } from './features/types';
import { WorkspaceIndex } from './index/workspace';
import { problemsOf } from './features/report';
import { DEFAULT_SETTINGS, normalizeSettings, type HandbookSettings } from './settings';
import type { FileSystem } from './util/fileSystem';
import type { Logger } from './util/logger';
import { LineMap } from './util/positions';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The method a request that comes before `initialize` is turned into (see `initializeFirst`). */
const NOT_INITIALIZED = 'handbook/$notInitialized';
/** The method a request that comes after `shutdown` is turned into. */
const SHUT_DOWN = 'handbook/$shutDown';

/**
 * Connection options that keep LSP's order: before `initialize`, every request is answered with
 * ServerNotInitialized (by the handler of NOT_INITIALIZED, which keeps the request's id) and every
 * notification but `exit` is dropped. It holds for every method, including ones added later.
 */
export function initializeFirst(): ConnectionOptions {
  let initialized = false;
  let shutDown = false;
  return {
    messageStrategy: {
      handleMessage(message, next) {
        if (!initialized && Message.isRequest(message)) {
          if (message.method === 'initialize') initialized = true;
          else message = { ...message, method: NOT_INITIALIZED } as RequestMessage;
        } else if (Message.isRequest(message) && shutDown) {
          // After `shutdown`, requests are errors (InvalidRequest), as LSP asks.
          message = { ...message, method: SHUT_DOWN } as RequestMessage;
        } else if (Message.isRequest(message) && message.method === 'shutdown') {
          shutDown = true;
        } else if (!initialized && Message.isNotification(message) && message.method !== 'exit') {
          return;
        }
        next(message);
      },
    },
  };
}

/** Resolves when the token is cancelled (never, otherwise). */
function whenCancelled(token: CancellationToken): Promise<'cancelled'> {
  return new Promise((resolve) => {
    if (token.isCancellationRequested) resolve('cancelled');
    else token.onCancellationRequested(() => resolve('cancelled'));
  });
}

const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');

/** What a front end other than Node's (the web worker, server/src/browserMain.ts) adds to the server. */
export interface ServerHost {
  /** The engine path of a document URI that is not a file: URI (undefined: not a workspace file). */
  toPath?(uri: string): string | undefined;
  /** The URI of an engine path (default: a file: URI). */
  toUri?(file: string): string;
  /** The URI scheme of the workspace's files, for file-move notifications: default `file`; null: any. */
  fileScheme?: string | null;
  /** Before each indexing run: the web worker waits there for the files the sites' setup reads. */
  beforeIndex?(index: WorkspaceIndex): Promise<void>;
  /** When the index is ready (every file's URLs and includes known). */
  afterReady?(): void;
}

export interface RunningServer {
  /** Files changed, appeared or went (the web worker: their contents arrived); open pages are checked again. */
  filesChanged(changes: readonly { file: string; kind: 'created' | 'changed' | 'deleted' | 'arrived' }[]): void;
}

export function startServer(connection: Connection, fs: FileSystem, host: ServerHost = {}): RunningServer {
  connection.onRequest(NOT_INITIALIZED, () => new ResponseError(ErrorCodes.ServerNotInitialized, 'The server is not initialized: send initialize first.'));
  connection.onRequest(SHUT_DOWN, () => new ResponseError(ErrorCodes.InvalidRequest, 'The server is shutting down.'));
  const logger: Logger = {
    info: (m) => connection.console.info(m),
    warn: (m) => connection.console.warn(m),
    error: (m) => connection.console.error(m),
  };
  const documents = new TextDocuments(TextDocument);
  let settings: HandbookSettings = DEFAULT_SETTINGS;
  const indexOptions = (s: HandbookSettings) => ({
    maxFileSize: s.maxFileSize,
    extraIncludeRoots: s.includeRoots,
    termBindings: s.terms.bindings,
    shortcodeDirs: s.shortcodeDirs,
    linkExcludes: s.links.exclude,
    checkContextWords: (s.diagnostics.severity['term-misused-context'] ?? 'off') !== 'off',
    // Ready for the open pages' checks after one cheap pass; outlines and links follow in the background.
    readyFirst: true,
    // A client that roots the workspace inside the site (or at the opened file) still finds it.
    findSiteAbove: true,
  });
  const index = new WorkspaceIndex(fs, indexOptions(settings), logger);
  let capabilities: ClientCapabilities = {};
  let pullDiagnostics = false;
  /** The client lists a Markdown page's headings in its own outline (VS Code): ours adds only the rest. */
  let editorListsHeadings = false;
  /** False: the client opens include paths with go to definition, and wants no document links on them. */
  let includeLinks = true;
  let showsStatusItem = false;

  // Documents that are not files (untitled:, git:, vscode-notebook-cell:) get a path that no file
  // system has (it holds a NUL), so that nothing is ever read for them (a relative fsPath would be
  // read from the server's working folder), and the way back to their URI.
  const NOT_A_FILE = '/\0not-a-file/';
  const toPath = (uri: string): string => {
    const mapped = host.toPath?.(uri);
    if (mapped !== undefined) return mapped;
    const u = URI.parse(uri);
    return u.scheme === 'file' ? u.fsPath : NOT_A_FILE + encodeURIComponent(uri);
  };
  const toUri = (file: string): string => (file.startsWith(NOT_A_FILE) ? decodeURIComponent(file.slice(NOT_A_FILE.length)) : host.toUri?.(file) ?? URI.file(file).toString());
  const lineMapOf = (file: string): LineMap => new LineMap(index.textOf(file) ?? '');
  const rangeIn = (map: LineMap, start: number, end: number): Range => ({ start: map.positionAt(start), end: map.positionAt(end) });
  const offsetIn = (uri: string, position: { line: number; character: number }): { file: string; offset: number } | undefined => {
    const file = toPath(uri);
    const text = index.textOf(file);
    if (text === undefined) return undefined;
    return { file, offset: new LineMap(text).offsetAt(position) };
  };

  const toDiagnostic = (map: LineMap, p: Problem): Diagnostic => ({
    range: rangeIn(map, p.start, p.end),
    severity: SEVERITY[p.severity],
    code: p.code,
    source: 'handbook',
    message: p.message,
    data: p.data,
    relatedInformation: p.related?.map((r) => ({ location: { uri: toUri(r.file), range: rangeIn(lineMapOf(r.file), r.start, r.end) }, message: r.message })),
  });

  const diagnosticsOf = (file: string): Diagnostic[] => {
    const text = index.textOf(file);
    if (text === undefined) return [];
    const map = new LineMap(text);
    return problemsOf(index, file, settings.diagnostics.severity).problems.map((p) => toDiagnostic(map, p));
  };

  const canCreateFiles = (): boolean =>
    !!capabilities.workspace?.workspaceEdit?.documentChanges && !!capabilities.workspace.workspaceEdit.resourceOperations?.includes('create');

  const toWorkspaceEdit = (edit: Edit): WorkspaceEdit => {
    const byFile = new Map<string, typeof edit.changes>();
    for (const c of edit.changes) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c]);
    if (capabilities.workspace?.workspaceEdit?.documentChanges) {
      return {
        documentChanges: [
          ...edit.creates.map((c) => ({ kind: 'create' as const, uri: toUri(c.file), options: { ignoreIfExists: true, overwrite: false } })),
          ...[...byFile].map(([file, changes]) => {
            const map = lineMapOf(file);
            return {
              textDocument: { uri: toUri(file), version: index.versionOf(file) ?? null },
              edits: changes.map((c) => ({ range: rangeIn(map, c.start, c.end), newText: c.newText })),
            };
          }),
        ],
      };
    }
    const changes: WorkspaceEdit['changes'] = {};
    for (const [file, cs] of byFile) {
      const map = lineMapOf(file);
      changes[toUri(file)] = cs.map((c) => ({ range: rangeIn(map, c.start, c.end), newText: c.newText }));
    }
    return { changes };
  };

  /**
   * Re-diagnoses the given files (open ones only) after a change elsewhere: a pulling client is asked
   * to pull again (only when one of them is open), a push client gets each open one's diagnostics.
   */
  const refreshDiagnostics = (files: readonly string[]): void => {
    const open = files.filter((f) => index.isOpen(f));
    if (pullDiagnostics) {
      if (open.length > 0 && capabilities.workspace?.diagnostics?.refreshSupport) void connection.languages.diagnostics.refresh();
      return;
    }
    for (const f of open) void connection.sendDiagnostics({ uri: toUri(f), version: index.versionOf(f), diagnostics: diagnosticsOf(f) });
  };

  /**
   * After an open document changed: a pulling client pulls that document itself (on change), so it is
   * asked to pull again only when other open documents' answers changed (`dependents`, from the index's
   * include and link graphs); a push client gets the document's diagnostics and those of its open
   * dependents. A keystroke that changes nothing another page reads sends nothing more.
   */
  const documentChanged = (file: string, dependents: readonly string[]): void => {
    if (pullDiagnostics) refreshDiagnostics(dependents);
    else refreshDiagnostics([file, ...dependents]);
  };

  const sendStatus = (indexing: boolean): void => {
    const sites = index.sites.map((s) => {
      let pages = 0;
      let includes = 0;
      for (const f of index.allFacts()) {
        if (index.siteOf(f.file) !== s) continue;
        if (f.kind === 'page') pages++;
        else includes++;
      }
      return { root: s.root, pages, includes };
    });
    void connection.sendNotification(StatusNotification, { sites, indexing });
  };

  /** Asks the client for the settings; true when they changed. Nothing waits on the answer but this. */
  const loadSettings = async (): Promise<boolean> => {
    if (!capabilities.workspace?.configuration) return false;
    const before = JSON.stringify(settings);
    try {
      const raw: unknown = await connection.workspace.getConfiguration('handbook');
      settings = normalizeSettings(raw);
      index.setOptions(indexOptions(settings));
    } catch (err) {
      logger.warn(`Could not read settings, using defaults: ${String(err)}`);
    }
    return JSON.stringify(settings) !== before;
  };

  /** After settings change: index again when they changed what the index holds, and re-check open files. */
  const settingsChanged = async (): Promise<void> => {
    if (!index.isReady) await reindex();
    refreshDiagnostics(index.openFiles());
  };

  const reindex = async (): Promise<void> => {
    sendStatus(true);
    await host.beforeIndex?.(index);
    const progress = await connection.window.createWorkDoneProgress();
    progress.begin('Indexing handbook', 0, 'finding pages', false);
    const started = Date.now();
    let ready = false;
    try {
      await index.ensureReady({
        report: (done, total) => progress.report(total ? Math.round((done / total) * 100) : 100, `${done}/${total} files`),
      });
      ready = true;
      host.afterReady?.();
      logger.info(`Index ready in ${Date.now() - started} ms.`);
    } catch (err) {
      logger.error(`Indexing failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    } finally {
      progress.done();
    }
    sendStatus(false);
    refreshDiagnostics(index.openFiles());
    if (!ready) return;
    // The second pass (outlines, links and term tables of every page) goes on in the background;
    // references, renames, moves and workspace symbols wait for it.
    try {
      await index.ensureIndexed();
      logger.info(`Index complete in ${Date.now() - started} ms.`);
    } catch (err) {
      logger.error(`Indexing failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    }
  };

  const scheme = host.fileScheme === null ? {} : { scheme: host.fileScheme ?? 'file' };
  connection.onInitialize((params: InitializeParams): InitializeResult => {
    capabilities = params.capabilities;
    // VS Code's client shows "no site" in its status item; other editors get a message.
    showsStatusItem = /visual studio code|code - oss|code-server|vscodium/i.test(params.clientInfo?.name ?? '');
    pullDiagnostics = !!capabilities.textDocument?.diagnostic;
    editorListsHeadings = params.initializationOptions?.editorListsHeadings === true;
    includeLinks = params.initializationOptions?.includeLinks !== false;
    const folders = params.workspaceFolders?.map((f) => toPath(f.uri)) ?? (params.rootUri ? [toPath(params.rootUri)] : params.rootPath ? [params.rootPath] : []);
    settings = normalizeSettings(params.initializationOptions?.settings ?? {});
    index.setOptions(indexOptions(settings));
    index.setFolders(folders);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        // `"` and `/` for include paths; `|` and space for the term column of a responsibility table.
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
  });

  connection.onInitialized(async () => {
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{md,markdown,html,yaml,yml,toml,json}' }],
      });
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async () => {
        const all = await connection.workspace.getWorkspaceFolders();
        index.setFolders((all ?? []).map((f) => toPath(f.uri)));
        await reindex();
      });
    }
    // Indexing does not wait for the client's settings (a client may never answer): it starts with the
    // initialization options, and settings that arrive later are applied then.
    const indexing = reindex();
    if (await loadSettings()) {
      await indexing;
      await settingsChanged();
    }
  });

  connection.onDidChangeConfiguration(async () => {
    if (await loadSettings()) await settingsChanged();
  });

  let saidNoSite = false;
  documents.onDidOpen((e) => {
    const file = toPath(e.document.uri);
    const dependents = index.openDocument(file, e.document.getText(), e.document.version);
    // No site in the workspace: the opened file's own site, found above it, is indexed instead.
    if (index.adoptSiteAbove(file)) void reindex();
    else {
      refreshDiagnostics(dependents);
      if (index.sites.length === 0 && !saidNoSite && !showsStatusItem) {
        saidNoSite = true;
        // A notification, not a request: a message with no answer to wait for (a request would prompt).
        void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Hugo Handbook: no Hugo site found for ${e.document.uri} (no hugo.*, config.* or config/_default/ in the workspace or above the file), so nothing is checked.` });
      }
    }
  });
  documents.onDidChangeContent((e) => {
    const file = toPath(e.document.uri);
    if (!index.isOpen(file)) {
      documentChanged(file, index.openDocument(file, e.document.getText(), e.document.version));
      return;
    }
    documentChanged(file, index.changeDocument(file, e.document.getText(), e.document.version));
  });
  documents.onDidClose((e) => {
    const file = toPath(e.document.uri);
    const dependents = index.closeDocument(file);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    refreshDiagnostics(dependents);
  });

  const filesChanged: RunningServer['filesChanged'] = (changes) => {
    const affected = new Set<string>();
    for (const f of index.filesArrived(changes.filter((c) => c.kind === 'arrived').map((c) => c.file))) affected.add(f);
    for (const c of changes) if (c.kind !== 'arrived') for (const f of index.fileChanged(c.file, c.kind)) affected.add(f);
    if (!index.isReady) void reindex();
    // Files that were still arriving may settle any open page's checks (a link target, an alias).
    if (fs.isPending) for (const f of index.openFiles()) affected.add(f);
    refreshDiagnostics([...affected]);
  };

  connection.onDidChangeWatchedFiles((params) => {
    filesChanged(params.changes.map((c) => ({ file: toPath(c.uri), kind: c.type === FileChangeType.Created ? 'created' : c.type === FileChangeType.Deleted ? 'deleted' : 'changed' })));
  });

  connection.languages.diagnostics.on(async (params) => {
    const file = toPath(params.textDocument.uri);
    if (!index.isOpen(file)) {
      const doc = documents.get(params.textDocument.uri);
      if (doc) index.openDocument(file, doc.getText(), doc.version);
    }
    return { kind: DocumentDiagnosticReportKind.Full, items: diagnosticsOf(file) };
  });

  connection.onCompletion((params) => {
    const at = offsetIn(params.textDocument.uri, params.position);
    if (!at) return null;
    const result = complete(index, at.file, at.offset);
    const map = lineMapOf(at.file);
    const snippets = !!capabilities.textDocument?.completion?.completionItem?.snippetSupport;
    const items: CompletionItem[] = result.items.map((e) => ({
      label: e.label,
      kind: {
        folder: CompletionItemKind.Folder,
        term: CompletionItemKind.Text,
        anchor: CompletionItemKind.Reference,
        file: CompletionItemKind.File,
        shortcode: CompletionItemKind.Function,
        param: CompletionItemKind.Property,
        closing: CompletionItemKind.Keyword,
        key: CompletionItemKind.Property,
      }[e.kind],
      detail: e.detail,
      documentation: e.documentation ? { kind: MarkupKind.Markdown, value: e.documentation } : undefined,
      sortText: e.sortText,
      filterText: e.label,
      textEdit: { range: rangeIn(map, e.start, e.end), newText: e.snippet && !snippets ? plainFromSnippet(e.newText) : e.newText },
      insertTextFormat: e.snippet && snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      command: e.retrigger ? { title: 'Suggest', command: 'editor.action.triggerSuggest' } : undefined,
    }));
    return { isIncomplete: result.isIncomplete, items };
  });

  connection.onHover((params) => {
    const at = offsetIn(params.textDocument.uri, params.position);
    if (!at) return null;
    const h = hover(index, at.file, at.offset);
    if (!h) return null;
    return { contents: { kind: MarkupKind.Markdown, value: h.contents }, range: rangeIn(lineMapOf(at.file), h.start, h.end) };
  });

  connection.onDefinition((params) => {
    const at = offsetIn(params.textDocument.uri, params.position);
    if (!at) return null;
    return definition(index, at.file, at.offset).map((l) => ({ uri: toUri(l.file), range: rangeIn(lineMapOf(l.file), l.start, l.end) }));
  });

  connection.onReferences(async (params) => {
    const at = offsetIn(params.textDocument.uri, params.position);
    if (!at) return null;
    await index.ensureIndexed();
    return references(index, at.file, at.offset, params.context.includeDeclaration).map((l) => ({
      uri: toUri(l.file),
      range: rangeIn(lineMapOf(l.file), l.start, l.end),
    }));
  });

  connection.onPrepareRename((params) => {
    const at = offsetIn(params.textDocument.uri, params.position);
    if (!at) return null;
    const r = termRenameRange(index, at.file, at.offset) ?? headingRenameRange(index, at.file, at.offset);
    return r ? { range: rangeIn(lineMapOf(at.file), r.start, r.end), placeholder: r.placeholder } : null;
  });

  connection.onRenameRequest(async (params) => {
    const at = offsetIn(params.textDocument.uri, params.position);
    if (!at) return null;
    await index.ensureIndexed();
    const edit = termRename(index, at.file, at.offset, params.newName) ?? headingRename(index, at.file, at.offset, params.newName);
    return edit ? toWorkspaceEdit(edit) : null;
  });

  connection.workspace.onWillRenameFiles(async (params) => {
    await index.ensureIndexed();
    const edit = editsForMoves(index, params.files.map((f) => ({ from: toPath(f.oldUri), to: toPath(f.newUri) })));
    return edit.changes.length ? toWorkspaceEdit(edit) : null;
  });

  connection.onDocumentLinks((params) => {
    const file = toPath(params.textDocument.uri);
    const map = lineMapOf(file);
    return documentLinks(index, file, { includes: includeLinks }).map((l) => ({
      range: rangeIn(map, l.start, l.end),
      target: l.line !== undefined ? `${toUri(l.target)}#L${l.line + 1}` : toUri(l.target),
      tooltip: l.tooltip,
    }));
  });

  connection.onDocumentSymbol((params) => {
    const file = toPath(params.textDocument.uri);
    const map = lineMapOf(file);
    const convert = (e: SymbolEntry): DocumentSymbol => ({
      name: e.name || '(empty heading)',
      detail: e.detail,
      kind: SymbolKind.String,
      range: rangeIn(map, e.start, e.end),
      selectionRange: rangeIn(map, e.start, e.end),
      children: e.children.map(convert),
    });
    return documentSymbols(index, file, shortcodeSymbols(index, file), { ownHeadings: !editorListsHeadings }).map(convert);
  });

  connection.onFoldingRanges((params) => {
    const file = toPath(params.textDocument.uri);
    const map = lineMapOf(file);
    return shortcodeFolds(index, file)
      .map((f) => ({ startLine: map.positionAt(f.start).line, endLine: map.positionAt(f.end).line }))
      .filter((f) => f.endLine > f.startLine)
      .map((f) => ({ ...f, endLine: f.endLine - 1, kind: 'region' }));
  });

  connection.onWorkspaceSymbol(async (params, token) => {
    if ((await Promise.race([index.ensureIndexed(), whenCancelled(token)])) === 'cancelled') return cancelled();
    return workspaceSymbols(index, params.query).map((s) => ({
      name: s.name,
      kind: s.kind === 'page' ? SymbolKind.File : SymbolKind.String,
      containerName: s.container,
      location: { uri: toUri(s.file), range: { start: { line: s.line, character: 0 }, end: { line: s.line, character: 0 } } },
    }));
  });

  connection.onCodeAction((params) => {
    const file = toPath(params.textDocument.uri);
    const text = index.textOf(file);
    if (text === undefined) return [];
    const map = new LineMap(text);
    const actions: CodeAction[] = [];
    for (const d of params.context.diagnostics) {
      if (d.source !== 'handbook' || typeof d.code !== 'string') continue;
      const problem: Problem = {
        file,
        start: map.offsetAt(d.range.start),
        end: map.offsetAt(d.range.end),
        severity: 'error',
        code: d.code,
        message: typeof d.message === 'string' ? d.message : d.message.value,
        data: d.data as ProblemData | undefined,
      };
      for (const fix of editorFixes(index, problem)) {
        // A client that cannot create files would fail the whole edit: such fixes are not offered.
        if (fix.edit.creates.length > 0 && !canCreateFiles()) continue;
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: fix.isPreferred, edit: toWorkspaceEdit(fix.edit) });
      }
    }
    return actions;
  });

  // The whole site checked at once, for the editor's "Check Whole Site" command: every file's
  // diagnostics (severity settings applied), with progress, cancellable.
  // Sent with no params, null params or {}: vscode-jsonrpc then passes the cancellation token in a
  // different place, so it is looked for among the arguments.
  connection.onRequest(CheckSiteRequest, async (...args: unknown[]) => {
    const token = (args.find((a) => typeof (a as CancellationToken | null)?.isCancellationRequested === 'boolean') as CancellationToken | undefined) ?? CancellationToken.None;
    if ((await Promise.race([index.ensureIndexed(), whenCancelled(token)])) === 'cancelled') return cancelled();
    const files = [...index.allFacts()].map((f) => f.file).sort();
    const progress = await connection.window.createWorkDoneProgress();
    progress.begin('Checking the whole site', 0, `${files.length} files`, true);
    const out: CheckSiteResult['files'] = [];
    try {
      // Batches of at most ~50 ms, then a turn of the event loop, so that a $/cancelRequest (or any
      // other request) that arrived meanwhile is seen at once.
      let sliceStart = Date.now();
      for (let i = 0; i < files.length; i++) {
        if (token.isCancellationRequested || progress.token.isCancellationRequested) return { cancelled: true, filesChecked: i, files: out };
        const d = diagnosticsOf(files[i]!);
        if (d.length) out.push({ uri: toUri(files[i]!), diagnostics: d });
        if (Date.now() - sliceStart > 50) {
          progress.report(Math.round(((i + 1) / files.length) * 100), `${i + 1}/${files.length} files`);
          await new Promise((r) => setImmediate(r));
          sliceStart = Date.now();
        }
      }
    } finally {
      progress.done();
    }
    return { cancelled: false, filesChecked: files.length, files: out };
  });

  // What the Markdown preview draws a page with (includes, links, terms); it waits for the first pass.
  connection.onRequest(PreviewContextRequest, async (params: PreviewContextParams | null) => {
    if (typeof params?.uri !== 'string') return new ResponseError(ErrorCodes.InvalidParams, `${PreviewContextRequest.method} needs { uri }.`);
    await index.ensureReady();
    return previewContext(index, toPath(params.uri), params, toUri);
  });

  // Memory and sizes, for soak tests and for a user who wonders what the server holds.
  // With { collect: true }, a server started with node --expose-gc first runs a full collection, so
  // that heapUsed is what is live (the benchmark's soak judges growth on it).
  connection.onRequest(StatsRequest, (params) => {
    const gc = (globalThis as { gc?: () => void }).gc;
    const collected = params?.collect === true && typeof gc === 'function';
    if (collected) gc();
    return {
      memory: typeof process === 'undefined' ? undefined : process.memoryUsage(),
      collected,
      openDocuments: index.openFiles().length,
      indexedFiles: [...index.allFacts()].length,
      indexed: index.isIndexed,
    };
  });

  documents.listen(connection);
  connection.listen();
  return { filesChanged };
}

/** A snippet's text without its placeholders, for clients that take plain text only. */
function plainFromSnippet(snippet: string): string {
  return snippet.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{?\d+\}?/g, '');
}
