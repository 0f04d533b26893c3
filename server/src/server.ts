// The language server: wiring, and one short handler per LSP method, each calling a feature of the
// engine. What the handlers share lives beside this file, in server/src/lsp/: the conversions between
// the engine's offsets and paths and LSP's positions and URIs (convert.ts), the settings session
// (settingsSession.ts), when diagnostics are sent again (republish.ts), indexing runs with progress and
// status (indexing.ts), the capabilities (capabilities.ts) and LSP's order of messages (order.ts).
import {
  CancellationToken,
  CodeActionKind,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  FileChangeType,
  LSPErrorCodes,
  MarkupKind,
  Message,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  SymbolKind,
  TextDocuments,
  type ClientCapabilities,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { editorFixes } from './features/codeActions';
import { complete } from './features/completion';
import { hover } from './features/hover';
import { documentSymbols, workspaceSymbols } from './features/links';
import { definition, documentLinks, references } from './features/navigation';
import { previewContext } from './features/preview';
import { editsForMoves, headingRename, headingRenameRange } from './features/refactors';
import { checkSite, problemsOf } from './features/report';
import { shortcodeFolds, shortcodeSymbols } from './features/shortcodes';
import { termRename, termRenameRange } from './features/terms';
import { WorkspaceIndex } from './index/workspace';
import type { FeatureSettings } from './features/settings';
import { serverCapabilities } from './lsp/capabilities';
import { LspConverter, type UriMapping } from './lsp/convert';
import { Indexing, type IndexingHooks } from './lsp/indexing';
import { answerOutOfOrder, type MessageOrder } from './lsp/order';
import { Republisher } from './lsp/republish';
import { SettingsSession } from './lsp/settingsSession';
import { CheckSiteRequest, PreviewContextRequest, StatsRequest, type CheckSiteResult, type PreviewContextParams } from './protocol';
import type { FileSystem } from './util/fileSystem';
import type { Logger } from './util/logger';

/** What a front end other than Node's (the web worker, server/src/browserMain.ts) adds to the server. */
export interface ServerHost extends UriMapping, Omit<IndexingHooks, 'whenSettled'> {
  /** The URI scheme of the workspace's files, for file-move notifications: default `file`; null: any. */
  fileScheme?: string | null;
}

export interface RunningServer {
  /** Files changed, appeared or went (the web worker: their contents arrived); open pages are checked again. */
  filesChanged(changes: readonly { file: string; kind: 'created' | 'changed' | 'deleted' | 'arrived' }[]): void;
}

/** Resolves when the token is cancelled (never, otherwise). */
function whenCancelled(token: CancellationToken): Promise<'cancelled'> {
  return new Promise((resolve) => {
    if (token.isCancellationRequested) resolve('cancelled');
    else token.onCancellationRequested(() => resolve('cancelled'));
  });
}

const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');

/** How long after the last edit it is taken in when no other message comes first (ms). */
const EDIT_SETTLE_MS = 10;

/**
 * The server on `connection`. `messages`: the connection's message order (lsp/order.ts), through which
 * edits are taken in before each other message.
 */
export function startServer(connection: Connection, fs: FileSystem, host: ServerHost, messages: MessageOrder): RunningServer {
  answerOutOfOrder(connection);
  const logger: Logger = {
    info: (m) => connection.console.info(m),
    warn: (m) => connection.console.warn(m),
    error: (m) => connection.console.error(m),
  };
  const documents = new TextDocuments(TextDocument);
  const index = new WorkspaceIndex<FeatureSettings>(fs, undefined, logger, {});
  const settings = new SettingsSession(connection, index, logger);
  const lsp = new LspConverter(index, host);
  const { toPath, toUri } = lsp;
  const diagnosticsOf = (file: string): Diagnostic[] =>
    index.textOf(file) === undefined ? [] : lsp.diagnostics(file, problemsOf(index, file, settings.current.diagnostics.severity).problems);
  const republish = new Republisher(connection, index, diagnosticsOf, toUri);
  const indexing = new Indexing(connection, index, logger, { ...host, whenSettled: () => republish.openFiles() });
  const reindex = () => indexing.run();
  let capabilities: ClientCapabilities = {};
  /** The client lists a Markdown page's headings in its own outline (VS Code): ours adds only the rest. */
  let editorListsHeadings = false;
  /** False: the client opens include paths with go to definition, and wants no document links on them. */
  let includeLinks = true;
  let showsStatusItem = false;

  /** After settings change: index again when they changed what the index holds, and re-check open files. */
  const settingsChanged = async (): Promise<void> => {
    if (!index.isReady) await reindex();
    republish.openFiles();
  };

  connection.onInitialize((params: InitializeParams) => {
    capabilities = lsp.capabilities = params.capabilities;
    // VS Code's client shows "no site" in its status item; other editors get a message.
    showsStatusItem = /visual studio code|code - oss|code-server|vscodium/i.test(params.clientInfo?.name ?? '');
    republish.pull = !!capabilities.textDocument?.diagnostic;
    republish.refreshSupport = !!capabilities.workspace?.diagnostics?.refreshSupport;
    editorListsHeadings = params.initializationOptions?.editorListsHeadings === true;
    includeLinks = params.initializationOptions?.includeLinks !== false;
    const folders = params.workspaceFolders?.map((f) => toPath(f.uri)) ?? (params.rootUri ? [toPath(params.rootUri)] : params.rootPath ? [params.rootPath] : []);
    settings.initialize(params.initializationOptions?.settings);
    index.setFolders(folders);
    return serverCapabilities(republish.pull, host.fileScheme === undefined ? 'file' : host.fileScheme);
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
    const first = reindex();
    if (await settings.load(capabilities)) {
      await first;
      await settingsChanged();
    }
  });

  connection.onDidChangeConfiguration(async () => {
    if (await settings.load(capabilities)) await settingsChanged();
  });

  let saidNoSite = false;
  documents.onDidOpen((e) => {
    const file = toPath(e.document.uri);
    const dependents = index.openDocument(file, e.document.getText(), e.document.version);
    // No site in the workspace: the opened file's own site, found above it, is indexed instead.
    if (index.adoptSiteAbove(file)) void reindex();
    else {
      republish.files(dependents);
      if (index.sites.length === 0 && !saidNoSite && !showsStatusItem) {
        saidNoSite = true;
        // A notification, not a request: a message with no answer to wait for (a request would prompt).
        void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Hugo Handbook: no Hugo site found for ${e.document.uri} (no hugo.*, config.* or config/_default/ in the workspace or above the file), so nothing is checked.` });
      }
    }
  });
  // An edit is taken into the index when the next message that is not an edit comes (a diagnostics pull,
  // a completion, a hover: they see the newest text), or a moment after the last edit. Edits that queue up
  // while the server is busy (fast typing on a large page, a loaded machine) are taken in once, as the
  // newest text, instead of each parsed in turn; a pull the editor cancelled meanwhile is never computed.
  const editsWaiting = new Map<string, TextDocument>();
  let editsTimer: ReturnType<typeof setTimeout> | undefined;
  let documentUpdates = 0;
  const takeInEdits = (): void => {
    if (editsTimer) clearTimeout(editsTimer);
    editsTimer = undefined;
    for (const [file, doc] of [...editsWaiting]) {
      editsWaiting.delete(file);
      documentUpdates++;
      const dependents = index.isOpen(file) ? index.changeDocument(file, doc.getText(), doc.version) : index.openDocument(file, doc.getText(), doc.version);
      republish.documentChanged(file, dependents);
    }
  };
  messages.beforeEachMessage((m) => {
    if (editsWaiting.size > 0 && !(Message.isNotification(m) && m.method === DidChangeTextDocumentNotification.method)) takeInEdits();
  });
  documents.onDidChangeContent((e) => {
    // (didOpen fires this too, after onDidOpen has opened the document with the same text.)
    editsWaiting.set(toPath(e.document.uri), e.document);
    editsTimer ??= setTimeout(takeInEdits, EDIT_SETTLE_MS);
  });
  documents.onDidClose((e) => republish.documentClosed(e.document.uri, index.closeDocument(toPath(e.document.uri))));

  const filesChanged: RunningServer['filesChanged'] = (changes) => {
    const affected = new Set<string>();
    for (const f of index.filesArrived(changes.filter((c) => c.kind === 'arrived').map((c) => c.file))) affected.add(f);
    for (const c of changes) if (c.kind !== 'arrived') for (const f of index.fileChanged(c.file, c.kind)) affected.add(f);
    if (!index.isReady) void reindex();
    // Files that were still arriving may settle any open page's checks (a link target, an alias).
    if (fs.isPending) for (const f of index.openFiles()) affected.add(f);
    republish.files([...affected]);
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
    const at = lsp.offsetAt(params.textDocument.uri, params.position);
    return at ? lsp.completionList(at.file, complete(index, at.file, at.offset)) : null;
  });

  connection.onHover((params) => {
    const at = lsp.offsetAt(params.textDocument.uri, params.position);
    const h = at && hover(index, at.file, at.offset);
    return h ? { contents: { kind: MarkupKind.Markdown, value: h.contents }, range: lsp.range(lsp.lineMapOf(at.file), h.start, h.end) } : null;
  });

  connection.onDefinition((params) => {
    const at = lsp.offsetAt(params.textDocument.uri, params.position);
    return at ? definition(index, at.file, at.offset).map((l) => lsp.location(l)) : null;
  });

  connection.onReferences(async (params) => {
    const at = lsp.offsetAt(params.textDocument.uri, params.position);
    if (!at) return null;
    await index.ensureIndexed();
    return references(index, at.file, at.offset, params.context.includeDeclaration).map((l) => lsp.location(l));
  });

  connection.onPrepareRename((params) => {
    const at = lsp.offsetAt(params.textDocument.uri, params.position);
    const r = at && (termRenameRange(index, at.file, at.offset) ?? headingRenameRange(index, at.file, at.offset));
    return r ? { range: lsp.range(lsp.lineMapOf(at.file), r.start, r.end), placeholder: r.placeholder } : null;
  });

  connection.onRenameRequest(async (params) => {
    const at = lsp.offsetAt(params.textDocument.uri, params.position);
    if (!at) return null;
    await index.ensureIndexed();
    const edit = termRename(index, at.file, at.offset, params.newName) ?? headingRename(index, at.file, at.offset, params.newName);
    return edit ? lsp.workspaceEdit(edit) : null;
  });

  connection.workspace.onWillRenameFiles(async (params) => {
    await index.ensureIndexed();
    const edit = editsForMoves(index, params.files.map((f) => ({ from: toPath(f.oldUri), to: toPath(f.newUri) })));
    return edit.changes.length ? lsp.workspaceEdit(edit) : null;
  });

  connection.onDocumentLinks((params) => {
    const file = toPath(params.textDocument.uri);
    const map = lsp.lineMapOf(file);
    return documentLinks(index, file, { includes: includeLinks }).map((l) => ({
      range: lsp.range(map, l.start, l.end),
      target: l.line !== undefined ? `${toUri(l.target)}#L${l.line + 1}` : toUri(l.target),
      tooltip: l.tooltip,
    }));
  });

  connection.onDocumentSymbol((params) => {
    const file = toPath(params.textDocument.uri);
    return lsp.documentSymbols(file, documentSymbols(index, file, shortcodeSymbols(index, file), { ownHeadings: !editorListsHeadings }));
  });

  connection.onFoldingRanges((params) => {
    const file = toPath(params.textDocument.uri);
    return lsp.foldingRanges(file, shortcodeFolds(index, file));
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
    if (index.textOf(file) === undefined) return [];
    const map = lsp.lineMapOf(file);
    const actions: CodeAction[] = [];
    for (const d of params.context.diagnostics) {
      const problem = lsp.problemOf(file, map, d);
      if (!problem) continue;
      for (const fix of editorFixes(index, problem)) {
        // A client that cannot create files would fail the whole edit: such fixes are not offered.
        if (fix.edit.creates.length > 0 && !lsp.canCreateFiles()) continue;
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: fix.isPreferred, edit: lsp.workspaceEdit(fix.edit) });
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
    let progress: WorkDoneProgressServerReporter | undefined;
    let reported = Date.now();
    // Positions are worked out as each file is checked, against the text it was checked in.
    const files: CheckSiteResult['files'] = [];
    try {
      const check = await checkSite(index, {
        severities: settings.current.diagnostics.severity,
        found: (file, problems) => files.push({ uri: toUri(file), diagnostics: lsp.diagnostics(file, problems) }),
        giveUp: whenCancelled(token),
        starting: async (all) => {
          progress = await connection.window.createWorkDoneProgress();
          progress.begin('Checking the whole site', 0, `${all.length} files`, true);
        },
        progress: (done, total) => {
          if (Date.now() - reported <= 50) return;
          progress?.report(Math.round((done / total) * 100), `${done}/${total} files`);
          reported = Date.now();
        },
        shouldStop: () => token.isCancellationRequested || !!progress?.token.isCancellationRequested,
        // Slices of at most ~50 ms, so that a $/cancelRequest that arrived meanwhile is seen at once.
        sliceMs: 50,
      });
      if (!check.indexed) return cancelled();
      return { cancelled: check.cancelled, filesChecked: check.filesChecked, files } satisfies CheckSiteResult;
    } finally {
      progress?.done();
    }
  });

  // What the Markdown preview draws a page with (includes, links, terms); it waits for the first pass.
  connection.onRequest(PreviewContextRequest, async (params: PreviewContextParams | null) => {
    if (typeof params?.uri !== 'string') return new ResponseError(ErrorCodes.InvalidParams, `${PreviewContextRequest.method} needs { uri }.`);
    await index.ensureReady();
    return previewContext(index, toPath(params.uri), params, toUri);
  });

  // Memory and sizes. With { collect: true }, a server started with node --expose-gc first runs a full
  // collection, so that heapUsed is what is live (the benchmark's soak judges growth on it).
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
      documentUpdates,
    };
  });

  documents.listen(connection);
  connection.listen();
  return { filesChanged };
}
